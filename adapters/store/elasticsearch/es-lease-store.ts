import type { Client } from '@elastic/elasticsearch';
import type { LeaseStore } from '../../../core/ports/stores.js';
import type { IndexNames } from './index-names.js';
import { isNotFound, isVersionConflict, translateError } from './translate-error.js';

interface LeaseDocument {
  name: string;
  holder: string;
  until: string;
}

const MAX_ATTEMPTS = 3;

export class EsLeaseStore implements LeaseStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  /**
   * Reads the lease (realtime) and writes it back only if nobody wrote in between: `op_type: create`
   * for a free lease, `if_seq_no` for an expired or own one. A lost race means someone else just
   * wrote it, so the decision is made again on what they wrote.
   */
  async acquire(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(name);
      if (current !== undefined && current.lease.holder !== holder && Date.parse(current.lease.until) > now.getTime()) return false;
      try {
        await this.client.index({
          index: this.names.leases,
          id: name,
          document: { name, holder, until: until.toISOString() } satisfies LeaseDocument,
          refresh: false,
          ...(current === undefined ? { op_type: 'create' as const } : { if_seq_no: current.seqNo, if_primary_term: current.primaryTerm }),
        });
        return true;
      } catch (error) {
        if (!isVersionConflict(error)) throw translateError(error, 'lease store');
      }
    }
    return false;
  }

  private async read(name: string): Promise<{ lease: LeaseDocument; seqNo: number; primaryTerm: number } | undefined> {
    try {
      const response = await this.client.get<LeaseDocument>({ index: this.names.leases, id: name });
      if (response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { lease: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'lease store');
    }
  }
}
