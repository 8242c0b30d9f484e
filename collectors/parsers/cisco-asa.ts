import { asaEvent } from './cisco/asa-event.js';
import { scanAsaHeader } from './cisco/asa-header.js';
import { asaMessageReaders } from './cisco/asa-messages.js';
import { defineParser, type ParseResult } from './define-parser.js';
import type { ParseContext } from './parser.js';

/**
 * Cisco ASA and Firepower Threat Defense syslog lines (`%ASA-6-302013: ...`, `%FTD-...`), with or
 * without a syslog header, mapped to the ECS fields Elastic's cisco_asa integration produces.
 * Message ids without a reader keep their id, level and text.
 */
export function parseCiscoAsa(line: string, context: ParseContext): ParseResult {
  const header = scanAsaHeader(line, context.receivedAt);
  if (header === undefined) return 'no %ASA-/%FTD- message tag';
  return asaEvent(header, asaMessageReaders.get(header.messageId)?.(header.message), context.receivedAt);
}

export const ciscoAsaParser = defineParser('cisco-asa', parseCiscoAsa);
