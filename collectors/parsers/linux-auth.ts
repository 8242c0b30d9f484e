import { defineParser, type ParseResult } from './define-parser.js';
import type { ParseContext } from './parser.js';
import { parseRfc3164 } from './rfc3164.js';
import { parseRfc5424 } from './rfc5424.js';
import { isRfc5424 } from './syslog/is-rfc5424.js';

/**
 * The programs that write /var/log/auth.log (or secure): their lines belong to the auth log even
 * when no enricher knows the message (sshd's `input_userauth_request`, PAM's `check pass`).
 */
const AUTH_PROGRAMS = new Set(['sshd', 'sshd-session', 'sshd-auth', 'sudo', 'su', 'login', 'passwd', 'useradd', 'usermod', 'userdel', 'groupadd', 'groupmod', 'groupdel', 'chage', 'chpasswd', 'systemd-logind', 'polkitd', 'pkexec']);

/**
 * Linux authentication lines (sshd, sudo, su, PAM, useradd, groupadd, …) in either syslog format,
 * or as written to /var/log/auth.log. The syslog parsers already enrich what they know; this parser
 * insists that the line is one of an authentication program, so a source configured as
 * "linux-auth" sends anything else to the dead-letter topic.
 */
export function parseLinuxAuth(line: string, context: ParseContext): ParseResult {
  const event = isRfc5424(line) ? parseRfc5424(line, context) : parseRfc3164(line, context);
  if (typeof event === 'string') return event;
  if (event.event.dataset === 'system.auth') return event;
  const program = (event.process as { name?: string } | undefined)?.name;
  if (program === undefined || !AUTH_PROGRAMS.has(program)) return 'not a Linux authentication message';
  event.event.module = 'system';
  event.event.dataset = 'system.auth';
  return event;
}

export const linuxAuthParser = defineParser('linux-auth', parseLinuxAuth);
