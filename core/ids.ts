import { createHash, randomUUID } from 'node:crypto';

/** Deterministic ids make writes idempotent: the same input always lands on the same document. */
export function deterministicId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

export function newId(): string {
  return randomUUID();
}
