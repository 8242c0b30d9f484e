import { errorMessage } from '../core/errors.js';
import type { Attributor } from './attribution/attributor.js';
import { MAX_BUS_MESSAGE_BYTES } from './dead-letter-entry.js';
import { normaliseEvent } from './normalise-event.js';
import { getParser } from './parsers/registry.js';

export const UNATTRIBUTED_KEY = 'unattributed';

/** The messages of a batch share their receive time, and parsers only read it: one Date serves them all. */
let lastReceivedAt = new Date(Number.NaN);

function receivedDate(millis: number): Date {
  if (lastReceivedAt.getTime() !== millis) lastReceivedAt = new Date(millis);
  return lastReceivedAt;
}

/** What a message needs besides its text; plain data, so that it can cross to a parsing worker. */
export interface PrepareInput {
  message: string;
  parser: string;
  peerAddress?: string;
  organizationId?: string;
  receivedAtMillis: number;
}

/**
 * The outcome for one message: the event as it goes on the bus, or why not. `parsed` says how the
 * parser did, for the parser metrics: a message can parse and still fail afterwards.
 */
export type Prepared =
  | { kind: 'event'; key: string; value: string }
  | { kind: 'unparsed'; reason: string }
  | { kind: 'unnormalised'; reason: string; thrown: boolean };

/**
 * Parses, normalises and serialises one message: everything the collector does to a message that
 * depends on nothing but the message, its origin and the constituency, so it runs the same in the
 * pipeline's thread and in a parsing worker.
 */
export function prepareEvent(input: PrepareInput, attributor: Attributor, maxMessageBytes: number): Prepared {
  if (input.message.length > maxMessageBytes / 3 && Buffer.byteLength(input.message) > maxMessageBytes) return { kind: 'unparsed', reason: `the message is longer than ${maxMessageBytes} bytes` };
  // Parsers never throw, but every step after them walks attacker-shaped data too: whatever
  // fails here costs this one message a dead letter, never the process or the batch.
  let value: string;
  let key: string;
  try {
    const parser = getParser(input.parser);
    if (!parser) return { kind: 'unparsed', reason: `unknown parser "${input.parser}"` };
    const receivedAt = receivedDate(input.receivedAtMillis);
    const outcome = parser.parse(input.message, { receivedAt, peerAddress: input.peerAddress });
    if (!outcome.ok) return { kind: 'unparsed', reason: outcome.reason };
    const event = normaliseEvent(outcome.event, receivedAt, attributor, { peerAddress: input.peerAddress, tokenOrganizationId: input.organizationId });
    key = event.organization?.id ?? UNATTRIBUTED_KEY;
    value = JSON.stringify(event);
  } catch (error) {
    return { kind: 'unnormalised', reason: `the event could not be normalised: ${errorMessage(error)}`, thrown: true };
  }
  if (value.length > MAX_BUS_MESSAGE_BYTES / 3 && Buffer.byteLength(value) > MAX_BUS_MESSAGE_BYTES) {
    return { kind: 'unnormalised', reason: `the normalised event is larger than ${MAX_BUS_MESSAGE_BYTES} bytes`, thrown: false };
  }
  return { kind: 'event', key, value };
}
