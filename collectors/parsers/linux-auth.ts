import { defineParser, type ParseResult } from './define-parser.js';
import type { ParseContext } from './parser.js';
import { parseRfc3164 } from './rfc3164.js';
import { parseRfc5424 } from './rfc5424.js';
import { isRfc5424 } from './syslog/is-rfc5424.js';

/**
 * Linux authentication lines (sshd, sudo, su, PAM, useradd, groupadd) in either syslog format, or as written to
 * /var/log/auth.log. The syslog parsers already enrich them; this parser only insists that the line
 * is one, so a source configured as "linux-auth" sends anything else to the dead-letter topic.
 */
export function parseLinuxAuth(line: string, context: ParseContext): ParseResult {
  const event = isRfc5424(line) ? parseRfc5424(line, context) : parseRfc3164(line, context);
  if (typeof event === 'string') return event;
  if (event.event.dataset !== 'system.auth') return 'not a Linux authentication message';
  return event;
}

export const linuxAuthParser = defineParser('linux-auth', parseLinuxAuth);
