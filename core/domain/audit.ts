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
