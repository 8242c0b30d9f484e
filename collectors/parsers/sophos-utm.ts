import { defineParser, type ParseResult } from './define-parser.js';
import { processTimeZone, zonedMillis } from './local-time.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { scanSophosPairs } from './sophos/sophos-pairs.js';
import { dhcpdFields, namedFields } from './sophos/utm-daemons.js';
import { scanUtmHeader } from './sophos/utm-header.js';
import { httpFields, otherKvFields, packetfilterFields, utmCommonFields } from './sophos/utm-kv.js';

type Fields = Record<string, unknown>;

/** The message's own fields: key=value logs by subsystem (`sub`), plain ones by daemon. */
function messageFields(process: string, message: string): Fields[] {
  if (message.startsWith('id="')) {
    const pairs = scanSophosPairs(message, 0);
    const sub = pairs.sub;
    const own = sub === 'packetfilter' ? packetfilterFields(pairs) : sub === 'http' ? httpFields(pairs) : otherKvFields(pairs);
    return [utmCommonFields(pairs), own];
  }
  if (process === 'dhcpd') return dhcpdFields(message);
  if (process === 'named') return namedFields(message);
  return [{ event: { provider: process }, message: message === '' ? undefined : message }];
}

/**
 * Sophos UTM (formerly Astaro Security Gateway) syslog lines: `YYYY:MM:DD-hh:mm:ss host process[pid]: `
 * and either `key="value"` pairs (packet filter, web proxy, WAF, application control, ...) or a
 * daemon's sentence (dhcpd, named, pluto, ...), mapped as Elastic's sophos.utm integration maps them.
 * The header's time has no zone and is read in the configured one.
 */
export function parseSophosUtm(line: string, context: ParseContext): ParseResult {
  const header = scanUtmHeader(line);
  if (header === undefined) return 'no Sophos UTM header (YYYY:MM:DD-hh:mm:ss host process[pid]:)';
  const timeZone = context.timeZone ?? processTimeZone();
  const millis = zonedMillis(header.wall, timeZone);
  if (millis === undefined) return `Sophos UTM time unreadable in zone ${timeZone}`;
  const event: ParsedEvent = {
    '@timestamp': new Date(millis).toISOString(),
    event: { kind: 'event', module: 'sophos', dataset: 'sophos.utm', timezone: timeZone },
  };
  mergeFields(event, {
    log: { syslog: header.priority },
    host: { hostname: header.hostname, name: header.hostname },
    process: { name: header.process, pid: header.pid },
    observer: { vendor: 'Sophos', product: 'UTM', type: 'firewall', name: header.hostname },
  });
  for (const fields of messageFields(header.process, line.slice(header.end))) mergeFields(event, fields);
  return event;
}

export const sophosUtmParser = defineParser('sophos-utm', parseSophosUtm);
