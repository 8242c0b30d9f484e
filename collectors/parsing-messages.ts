import type { Organisation } from '../core/domain/organisation.js';
import type { EventTexts } from './event-texts.js';
import type { PrepareInput, Prepared } from './prepare-event.js';

/** Where a message came from, shared by the messages of one connection or request within a batch. */
export type MessageOrigin = Omit<PrepareInput, 'message' | 'receivedAtMillis'>;

/**
 * A batch for a parsing worker, in columns: its messages joined into one text with the offset after
 * each, and indexes into the few origins, because structured cloning costs per object, not per character.
 */
export type ParsingRequest =
  | { type: 'parse'; id: number; receivedAtMillis: number; text: string; ends: number[]; origins: MessageOrigin[]; originOf: number[]; returned: ArrayBuffer[] }
  | { type: 'organisations'; organisations: Organisation[] };

/**
 * The events of a batch in its order (empty texts where a message failed), and the failures by index.
 * `returned` in a request hands the buffers of earlier responses back for reuse.
 */
export interface ParsingResponse {
  id: number;
  keys: string[];
  texts: EventTexts;
  /** In the order of their index. */
  failures: [number, Failure][];
}

export type Failure = Exclude<Prepared, { kind: 'event' }>;
