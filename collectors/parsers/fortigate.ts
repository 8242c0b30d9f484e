import { defineParser, type ParseResult } from './define-parser.js';
import { addLoginFields, isLoginMessage } from './fortinet/fortigate-login.js';
import { eventFields } from './fortinet/fortigate-event.js';
import { readFortigateRecord, type FortigateRecord } from './fortinet/fortigate-record.js';
import { fortigateEventTime, fortigateLocalTime, fortigateTimezone } from './fortinet/fortigate-time.js';
import { trafficFields } from './fortinet/fortigate-traffic.js';
import { utmFields } from './fortinet/fortigate-utm.js';
import { ianaProtocol } from './iana-protocol.js';
import { countValue } from './kv-values.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParseContext, ParsedEvent } from './parser.js';

type Fields = Record<string, unknown>;

const DIRECTIONS: Record<string, string> = { outgoing: 'outbound', incoming: 'inbound' };
const ECS_DIRECTIONS = new Set(['ingress', 'egress', 'inbound', 'outbound', 'internal', 'external']);

function networkDirection(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const lower = raw.toLowerCase();
  const direction = DIRECTIONS[lower] ?? lower;
  return ECS_DIRECTIONS.has(direction) ? direction : 'unknown';
}

function typeFields(pairs: Record<string, string>): Fields {
  if (pairs.type === 'traffic') return trafficFields(pairs);
  if (pairs.type === 'utm' || pairs.type === 'dns') return utmFields(pairs);
  if (pairs.type === 'event') return eventFields(pairs);
  return {};
}

/** Fields every FortiGate log shares: device, time, log id, message, protocol. */
function commonFields(record: FortigateRecord, timezone: string | undefined, startMillis: number | undefined): Fields {
  const { pairs } = record;
  const duration = countValue(pairs.duration);
  return {
    event: {
      code: pairs.logid, reason: pairs.reason ?? pairs.eventsubtype, timezone,
      start: startMillis === undefined ? undefined : new Date(startMillis).toISOString(),
      duration: duration === undefined ? undefined : duration * 1_000_000_000,
    },
    log: { level: pairs.level ?? pairs.pri, syslog: record.priority },
    observer: {
      vendor: 'Fortinet', product: 'Fortigate', type: 'firewall',
      name: pairs.devname ?? record.hostname, serial_number: pairs.devid ?? pairs.device_id,
      ingress: { interface: { name: pairs.srcintf ?? pairs.src_int } },
      egress: { interface: { name: pairs.dstintf ?? pairs.dst_int } },
    },
    network: {
      ...(pairs.proto === undefined ? {} : ianaProtocol(pairs.proto)),
      protocol: pairs.service?.toLowerCase(), direction: networkDirection(pairs.dir ?? pairs.direction),
    },
    host: pairs.srcname === undefined ? undefined : { name: pairs.srcname.toLowerCase() },
    destination: { mac: pairs.dstmac?.replace(/:/g, '-').toUpperCase() },
    message: pairs.msg,
    fortinet: { firewall: pairs },
  };
}

/** Totals Elastic adds when both directions are known. */
function addNetworkTotals(event: ParsedEvent): void {
  const source = (event.source ?? {}) as { bytes?: number; packets?: number };
  const destination = (event.destination ?? {}) as { bytes?: number; packets?: number };
  mergeFields(event, {
    network: {
      bytes: source.bytes !== undefined && destination.bytes !== undefined ? source.bytes + destination.bytes : undefined,
      packets: source.packets !== undefined && destination.packets !== undefined ? source.packets + destination.packets : undefined,
    },
  });
}

/**
 * FortiGate (FortiOS) key=value logs as Elastic's fortinet_fortigate integration maps them. The time
 * is FortiGate's own `date`/`time` in its `tz`; `eventtime` (to the nanosecond) becomes `event.start`
 * and stands in for `@timestamp` when a line has no date, before the syslog header's and the
 * receive time.
 */
export function parseFortigate(line: string, context: ParseContext): ParseResult {
  const record = readFortigateRecord(line, context.receivedAt);
  if (typeof record === 'string') return record;
  const { pairs } = record;
  const timezone = fortigateTimezone(pairs.tz);
  const startMillis = fortigateEventTime(pairs.eventtime);
  const millis = fortigateLocalTime(pairs.date, pairs.time, timezone, context.timeZone) ?? startMillis ?? record.headerMillis ?? context.receivedAt.getTime();
  const event: ParsedEvent = {
    '@timestamp': new Date(millis).toISOString(),
    event: { kind: 'event', module: 'fortinet', dataset: 'fortinet.firewall' },
  };
  mergeFields(event, commonFields(record, timezone, startMillis));
  mergeFields(event, typeFields(pairs));
  if (isLoginMessage(event.message) && pairs.type !== 'traffic') addLoginFields(event, pairs);
  // Elastic's pipeline means `user.name` to follow `source.user.name` but sets it before the
  // type pipelines fill the latter; rules look for `user.name`, so it is set for every log type.
  const sourceUser = (event.source as { user?: { name?: string } } | undefined)?.user?.name;
  if (sourceUser !== undefined) mergeFields(event, { user: { name: (event.user as { name?: string } | undefined)?.name ?? sourceUser } });
  addNetworkTotals(event);
  return event;
}

export const fortigateParser = defineParser('fortigate', parseFortigate);
