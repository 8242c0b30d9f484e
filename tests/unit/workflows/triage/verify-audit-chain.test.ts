import { expect } from 'chai';
import { auditHash, GENESIS_HASH, type AuditEntry, type AuditInput } from '../../../../core/domain/audit.js';
import type { AuditStore } from '../../../../core/ports/stores.js';
import { verifyAuditChain } from '../../../../workflows/triage/verify-audit-chain.js';

function chain(count: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const input: AuditInput = { actor: 'analyst', action: 'incident.update', objectType: 'incident', objectId: `i-${seq % 3}`, before: { status: 'new' }, after: { status: 'acknowledged' } };
    const body = { ...input, seq, at: `2025-03-01T10:00:${String(seq % 60).padStart(2, '0')}.000Z` };
    const hash = auditHash(prevHash, body);
    entries.push({ ...body, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

function storeOf(entries: AuditEntry[]): AuditStore {
  return {
    append: () => Promise.reject(new Error('read only')),
    list: async ({ afterSeq = 0, limit = 100 }) => entries.filter((entry) => entry.seq > afterSeq).slice(0, limit),
  };
}

describe('workflows > triage > verify-audit-chain', () => {
  it('accepts an intact chain across pages', async () => {
    expect(await verifyAuditChain(storeOf(chain(2500)))).to.deep.equal({ valid: true, checked: 2500 });
  });

  it('accepts an empty log', async () => {
    expect(await verifyAuditChain(storeOf([]))).to.deep.equal({ valid: true, checked: 0 });
  });

  it('finds an edited entry', async () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, after: { status: 'closed' } };
    expect(await verifyAuditChain(storeOf(entries))).to.deep.equal({ valid: false, checked: 2, brokenAt: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('finds an entry whose hash was recomputed but whose successor still links to the old one', async () => {
    const entries = chain(5);
    const original = entries[1]!;
    const forged = { seq: original.seq, at: original.at, actor: 'mallory', action: original.action, objectType: original.objectType, objectId: original.objectId, before: original.before, after: original.after };
    entries[1] = { ...forged, prevHash: original.prevHash, hash: auditHash(original.prevHash, forged) };
    expect(await verifyAuditChain(storeOf(entries))).to.deep.equal({ valid: false, checked: 2, brokenAt: { seq: 3, reason: 'link_mismatch' } });
  });

  it('finds a deleted entry', async () => {
    const entries = chain(5);
    entries.splice(3, 1);
    expect(await verifyAuditChain(storeOf(entries))).to.deep.equal({ valid: false, checked: 3, brokenAt: { seq: 5, reason: 'sequence_gap' } });
  });
});
