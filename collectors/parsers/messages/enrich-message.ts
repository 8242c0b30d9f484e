import type { ParsedEvent } from '../parser.js';
import { mergeFields } from './merge-fields.js';
import { messageEnrichers } from './message-enrichers.js';

// rsyslog and syslog-ng fold identical consecutive lines: "message repeated 5 times: [ Failed password
// for root from 5.36.59.76 port 42393 ssh2]". The folded message says what happened.
const REPEATED = /^message repeated \d+ times: \[ ?(.*)\]$/;

/**
 * Adds what the message text says (who logged in, which packet was dropped) to a syslog event, chosen
 * by the program that wrote it; syslog framing and message content stay separate this way.
 * Returns whether an enricher recognised the message.
 */
export function enrichMessage(event: ParsedEvent): boolean {
  const program = (event.process as { name?: string } | undefined)?.name;
  const message = event.message;
  if (program === undefined || typeof message !== 'string') return false;
  const enricher = messageEnrichers.get(program);
  const fields = enricher?.(REPEATED.exec(message)?.[1] ?? message);
  if (fields === undefined) return false;
  mergeFields(event, fields);
  return true;
}
