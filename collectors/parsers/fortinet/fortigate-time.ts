import { zonedMillis } from '../local-time.js';
import { scanIsoTimestamp } from '../syslog/iso-timestamp.js';

/**
 * FortiGate writes its zone as `-0500`, `+01:00` or for people as `UTC-5:00`; all become `±hhmm`
 * (`event.timezone` as Elastic normalises it). Anything else is not a zone we can apply.
 */
export function fortigateTimezone(raw: string | undefined): string | undefined {
  const match = raw === undefined ? null : /^(?:[A-Z]{1,4})?([+-])(\d{1,2}):?(\d{2})$/.exec(raw);
  if (match === null) return undefined;
  return `${match[1]}${match[2]!.padStart(2, '0')}${match[3]}`;
}

/**
 * `date` and `time` read in the zone of `tz`; without one, in the zone configured for the source,
 * else in UTC (Elastic's default zone; FortiOS omits `tz` unless the log settings ask for it).
 */
export function fortigateLocalTime(date: string | undefined, time: string | undefined, timezone: string | undefined, sourceZone: string | undefined): number | undefined {
  if (date === undefined || time === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}:\d{2}$/.test(time)) return undefined;
  if (timezone === undefined && sourceZone !== undefined) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const [hour, minute, second] = time.split(':').map(Number) as [number, number, number];
    return zonedMillis({ year, month, day, hour, minute, second }, sourceZone);
  }
  return scanIsoTimestamp(`${date}T${time}${timezone ?? 'Z'}`, 0)?.millis;
}

/** `eventtime` is epoch seconds, milli-, micro- or nanoseconds depending on the FortiOS release. */
export function fortigateEventTime(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d{9,19}$/.test(raw)) return undefined;
  const digits = raw.length;
  if (digits <= 11) return Number(raw) * 1000;
  if (digits <= 14) return Number(raw);
  if (digits <= 17) return Math.floor(Number(raw.slice(0, -3)));
  return Number(raw.slice(0, -6));
}
