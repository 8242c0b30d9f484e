import type { Client } from '@elastic/elasticsearch';
import type { StoryStateStore } from '../../../core/ports/stores.js';
import type { IndexNames } from './index-names.js';
import { isNotFound, isVersionConflict, translateError } from './translate-error.js';

interface StoryDocument {
  key: string;
  /** JSON text: the state's keys are entity values, which must not become mapped fields. */
  state: string;
}

/** The version is the document's sequence number and primary term, which `if_seq_no` checks on write. */
export class EsStoryStateStore implements StoryStateStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  async read(key: string): Promise<{ state: unknown; version: string } | undefined> {
    try {
      const response = await this.client.get<StoryDocument>({ index: this.names.incidentStories, id: key });
      if (!response.found || response._source === undefined) return undefined;
      return { state: JSON.parse(response._source.state) as unknown, version: `${response._seq_no}:${response._primary_term}` };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'story state store');
    }
  }

  async write(key: string, state: unknown, version: string | undefined): Promise<boolean> {
    const [seqNo, primaryTerm] = (version ?? '').split(':').map(Number);
    try {
      await this.client.index({
        index: this.names.incidentStories,
        id: key,
        document: { key, state: JSON.stringify(state) } satisfies StoryDocument,
        refresh: false,
        ...(version === undefined ? { op_type: 'create' as const } : { if_seq_no: seqNo, if_primary_term: primaryTerm }),
      });
      return true;
    } catch (error) {
      if (isVersionConflict(error)) return false;
      throw translateError(error, 'story state store');
    }
  }
}
