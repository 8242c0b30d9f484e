import { auditHash, GENESIS_HASH } from '../../core/domain/audit.js';
import type { AuditStore } from '../../core/ports/stores.js';

export interface AuditChainReport {
  valid: boolean;
  checked: number;
  /** The first entry whose hash, link or sequence does not fit, when the chain is broken. */
  brokenAt?: { seq: number; reason: 'hash_mismatch' | 'link_mismatch' | 'sequence_gap' };
}

const PAGE = 1000;

/** Recomputes every hash from the start with the same recipe the stores use (core/domain/audit.ts). */
export async function verifyAuditChain(audit: AuditStore): Promise<AuditChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await audit.list({ afterSeq: expectedSeq - 1, limit: PAGE });
    for (const entry of page) {
      const { hash, prevHash: storedPrev, ...body } = entry;
      if (entry.seq !== expectedSeq) return { valid: false, checked, brokenAt: { seq: entry.seq, reason: 'sequence_gap' } };
      if (storedPrev !== prevHash) return { valid: false, checked, brokenAt: { seq: entry.seq, reason: 'link_mismatch' } };
      if (auditHash(prevHash, body) !== hash) return { valid: false, checked, brokenAt: { seq: entry.seq, reason: 'hash_mismatch' } };
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (page.length < PAGE) return { valid: true, checked };
  }
}
