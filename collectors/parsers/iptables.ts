import { defineParser, type ParseResult } from './define-parser.js';
import { netfilterMessage } from './messages/netfilter-message.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { parseRfc3164 } from './rfc3164.js';
import { parseRfc5424 } from './rfc5424.js';
import { isRfc5424 } from './syslog/is-rfc5424.js';

/**
 * iptables/nftables LOG and ufw lines: in syslog (kern.log, remote syslog) or bare, as `dmesg` and
 * journal exports print them. Anything without a packet description is refused.
 */
export function parseIptables(line: string, context: ParseContext): ParseResult {
  const syslog = line.startsWith('<') ? (isRfc5424(line) ? parseRfc5424(line, context) : parseRfc3164(line, context)) : parseRfc3164(line, context);
  if (typeof syslog !== 'string') {
    if (syslog.event.module === 'iptables') return syslog;
    // Some firewalls send the packet line without the `kernel:` program (EdgeOS relays, VyOS).
    const relayed = typeof syslog.message === 'string' ? netfilterMessage(syslog.message) : undefined;
    return relayed === undefined ? 'not a netfilter packet log line' : mergeFields(syslog, relayed);
  }
  const fields = netfilterMessage(line);
  if (fields === undefined) return 'not a netfilter packet log line';
  const event: ParsedEvent = { '@timestamp': context.receivedAt.toISOString(), event: { kind: 'event' }, message: line };
  return mergeFields(event, fields);
}

export const iptablesParser = defineParser('iptables', parseIptables);
