import { createHash } from 'node:crypto';

export interface AuditInput {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  organizationId?: string | null;
}

/** Append-only and hash-chained: `hash` covers the entry and the previous entry's hash. */
export interface AuditEntry extends AuditInput {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

/** The `prevHash` of the first entry: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * sha256 over the previous hash and the canonical JSON of the entry (keys sorted), so that every
 * store computes the same chain and anyone can verify it.
 */
export function auditHash(prevHash: string, entry: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  // The JSON round trip makes the hash of an entry equal to the hash of the entry as stored and read back.
  return createHash('sha256').update(prevHash + canonicalJson(JSON.parse(JSON.stringify(entry)))).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}
