import { defineParser, type ParseResult } from './define-parser.js';
import { countValue } from './kv-values.js';
import { processTimeZone } from './local-time.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { eventFields } from './sophos/xg-event.js';
import { firewallFields, zoneDirection } from './sophos/xg-firewall.js';
import { readXgRecord, type XgRecord } from './sophos/xg-record.js';
import { atpFields, idpFields } from './sophos/xg-threats.js';
import { xgTime } from './sophos/xg-time.js';
import { contentFilterFields, otherFields } from './sophos/xg-web.js';

type Fields = Record<string, unknown>;

// The seventh digit of a log id is its syslog severity (Sophos syslog guide, "Log ID structure").
const LEVELS = ['emergency', 'alert', 'critical', 'error', 'warning', 'notification', 'informational', 'debug'];

function typeFields(pairs: Record<string, string>, code: string): Fields {
  switch (pairs.log_type) {
    case 'Firewall': return firewallFields(pairs, code);
    case 'Event': return eventFields(pairs, code);
    case 'IDP': return idpFields(pairs, code);
    case 'ATP': return atpFields(pairs, code);
    case 'Content Filtering': return contentFilterFields(pairs);
    default: return otherFields(pairs);
  }
}

/** Fields every SFOS log shares: device, log id, severity, interfaces and zones. */
function commonFields(record: XgRecord, code: string, severity: number): Fields {
  const { pairs } = record;
  const ingressZone = pairs.srczonetype ?? pairs.src_zone_type;
  const egressZone = pairs.dstzonetype ?? pairs.dst_zone_type;
  return {
    event: { code, severity },
    log: { level: LEVELS[severity], syslog: record.priority },
    observer: {
      vendor: 'Sophos', product: 'XG', type: 'firewall',
      // v17/v18 carry the appliance's name in device_name; from v19 on that is always "SFW" and
      // the name is only in the syslog header.
      name: pairs.device === 'SFW' ? pairs.device_name : record.hostname,
      serial_number: pairs.device_id ?? pairs.device_serial_id,
      ingress: { interface: { name: pairs.in_interface }, zone: ingressZone },
      egress: { interface: { name: pairs.out_interface }, zone: egressZone },
    },
    network: { direction: zoneDirection(ingressZone, egressZone) },
    sophos: { xg: pairs },
  };
}

/** Duration, start and end of a connection log, and the totals Elastic adds. */
function addConnectionTotals(event: ParsedEvent, duration: number | undefined): void {
  const source = (event.source ?? {}) as { bytes?: number; packets?: number };
  const destination = (event.destination ?? {}) as { bytes?: number; packets?: number };
  const start = Date.parse(event['@timestamp']);
  mergeFields(event, {
    event: duration === undefined ? {} : {
      duration: duration * 1_000_000_000, start: event['@timestamp'], end: new Date(start + duration * 1000).toISOString(),
    },
    network: {
      bytes: source.bytes !== undefined || destination.bytes !== undefined ? (source.bytes ?? 0) + (destination.bytes ?? 0) : undefined,
      packets: source.packets !== undefined || destination.packets !== undefined ? (source.packets ?? 0) + (destination.packets ?? 0) : undefined,
    },
  });
}

/**
 * Sophos Firewall (XG, SFOS v17 to v20) logs in the default syslog format, as Elastic's sophos.xg
 * integration maps them. `@timestamp` is SFOS 19+'s `timestamp`, else `date` + `time` (see
 * xg-time.ts), else the syslog header's time, else the receive time.
 */
export function parseSophosXg(line: string, context: ParseContext): ParseResult {
  const record = readXgRecord(line, context.receivedAt);
  if (typeof record === 'string') return record;
  const { pairs } = record;
  const code = pairs.log_id!.slice(-5);
  const severity = Number(pairs.log_id![6]);
  const time = xgTime(pairs, context.timeZone ?? processTimeZone());
  const event: ParsedEvent = {
    '@timestamp': new Date(time?.millis ?? record.headerMillis ?? context.receivedAt.getTime()).toISOString(),
    event: { kind: 'event', module: 'sophos', dataset: 'sophos.xg' },
  };
  mergeFields(event, { event: { timezone: time?.timezone } });
  mergeFields(event, commonFields(record, code, severity));
  mergeFields(event, typeFields(pairs, code));
  // Elastic sets user.name for authentications only; rules look for the acting user there, so it
  // follows source.user.name for every log type.
  const sourceUser = (event.source as { user?: { name?: string } } | undefined)?.user?.name;
  if (sourceUser !== undefined) mergeFields(event, { user: { name: (event.user as { name?: string } | undefined)?.name ?? sourceUser } });
  addConnectionTotals(event, countValue(pairs.duration));
  return event;
}

export const sophosXgParser = defineParser('sophos-xg', parseSophosXg);
