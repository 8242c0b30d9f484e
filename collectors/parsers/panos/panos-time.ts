import { scanIsoTimestamp, utcMillis } from '../syslog/iso-timestamp.js';

// PAN-OS writes "2018/11/30 16:09:07" (device time, no zone) or, with ISO format configured,
// "2021-10-22T16:10:10.000000Z". A time without zone is read as UTC, as Elastic's pipeline does
// unless its tz_offset is set.
const PANOS_TIME = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A PAN-OS time column as an ISO 8601 UTC string; undefined when it is not one. */
export function panosTime(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const plain = PANOS_TIME.exec(text);
  if (plain) {
    const [, year, month, day, hour, minute, second] = plain.map(Number) as number[];
    const millis = utcMillis(year!, month!, day!, hour!, minute!, second!, 0);
    return millis === undefined ? undefined : new Date(millis).toISOString();
  }
  const iso = scanIsoTimestamp(text, 0, true);
  return iso !== undefined && iso.end === text.length ? new Date(iso.millis).toISOString() : undefined;
}
