import type { ParsedEvent } from '../parser.js';
import { mergeFields } from './merge-fields.js';
import { messageEnrichers } from './message-enrichers.js';

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
  const fields = enricher?.(message);
  if (fields === undefined) return false;
  mergeFields(event, fields);
  return true;
}
