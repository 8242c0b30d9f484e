import { zonedMillis } from '../local-time.js';
import { scanIsoTimestamp } from '../syslog/iso-timestamp.js';
import { isSysmonEvent } from './sysmon-events.js';

type Fields = Record<string, unknown>;

const SYSMON_UTC_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})$/;
// NXLog's JSON output writes EventTime as the Windows host's wall clock, without a zone.
const NXLOG_WALL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A time as ISO text with milliseconds, or undefined. Times without an offset are read as UTC. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = scanIsoTimestamp(value, 0, true);
  return time === undefined ? undefined : new Date(time.millis).toISOString();
}

/** NXLog's zone-less EventTime read in the host's zone; a time with an offset keeps its offset. */
function nxlogEventTime(value: unknown, timeZone: string): string | undefined {
  const wall = typeof value === 'string' ? NXLOG_WALL_TIME.exec(value) : null;
  if (wall === null) return isoTime(value);
  const [year, month, day, hour, minute, second] = wall.slice(1).map(Number) as [number, number, number, number, number, number];
  const millis = zonedMillis({ year, month, day, hour, minute, second }, timeZone);
  return millis === undefined ? undefined : new Date(millis).toISOString();
}

/**
 * When a Windows event happened, by its own clock, or undefined. Sysmon's UtcTime is the moment of the
 * activity itself (Elastic's sysmon pipeline uses it); otherwise the time the event was written
 * (winlog.time_created, NXLog's EventTime, or TimeCreated of NXLog records reshaped by Logstash as the
 * OTRF recordings are). NXLog's EventTime has no zone: it is read in `timeZone`, the zone of the
Windows hosts. `fallbacks` are the times a shipper set, in order of trust: Winlogbeat's own
 * @timestamp is the event's creation time, unlike a relay's receive time, which comes last.
 */
export function windowsEventTime(winlog: Fields, record: Fields, fallbacks: readonly unknown[], timeZone: string): string | undefined {
  const data = (winlog.event_data ?? {}) as Fields;
  if (isSysmonEvent(winlog) && typeof data.UtcTime === 'string' && SYSMON_UTC_TIME.test(data.UtcTime)) {
    const sysmonTime = isoTime(data.UtcTime);
    if (sysmonTime !== undefined) return sysmonTime;
  }
  const written = isoTime(winlog.time_created) ?? nxlogEventTime(record.EventTime, timeZone);
  if (written !== undefined) return written;
  for (const candidate of [record.TimeCreated, ...fallbacks]) {
    const time = isoTime(candidate);
    if (time !== undefined) return time;
  }
  return undefined;
}
