import { scanIsoTimestamp } from '../syslog/iso-timestamp.js';
import { isSysmonEvent } from './sysmon-events.js';

type Fields = Record<string, unknown>;

const SYSMON_UTC_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})$/;

/** A time as ISO text with milliseconds, or undefined. Times without an offset are read as UTC. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = scanIsoTimestamp(value, 0, true);
  return time === undefined ? undefined : new Date(time.millis).toISOString();
}

/**
 * When a Windows event happened, by its own clock, or undefined. Sysmon's UtcTime is the moment of the
 * activity itself (Elastic's sysmon pipeline uses it); otherwise the time the event was written
 * (winlog.time_created, NXLog's EventTime, or TimeCreated of NXLog records reshaped by Logstash as the
 * OTRF recordings are). `fallbacks` are the times a shipper set, in order of trust: Winlogbeat's own
 * @timestamp is the event's creation time, unlike a relay's receive time, which comes last.
 */
export function windowsEventTime(winlog: Fields, record: Fields, fallbacks: readonly unknown[]): string | undefined {
  const data = (winlog.event_data ?? {}) as Fields;
  if (isSysmonEvent(winlog) && typeof data.UtcTime === 'string' && SYSMON_UTC_TIME.test(data.UtcTime)) {
    const sysmonTime = isoTime(data.UtcTime);
    if (sysmonTime !== undefined) return sysmonTime;
  }
  for (const candidate of [winlog.time_created, record.EventTime, record.TimeCreated, ...fallbacks]) {
    const time = isoTime(candidate);
    if (time !== undefined) return time;
  }
  return undefined;
}
