import { hash, randomUUID } from 'node:crypto';

/**
 * Deterministic ids make writes idempotent: the same input always lands on the same document.
 * One-shot `hash` rather than a Hash object: every alert gets an id, and it is less than half the cost.
 */
export function deterministicId(...parts: string[]): string {
  return hash('sha256', parts.join('\u0000'), 'hex').slice(0, 32);
}

export function newId(): string {
  return randomUUID();
}
