import { zonedMillis } from '../local-time.js';
import { scanIsoTimestamp } from '../syslog/iso-timestamp.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})$/;
// Zone names SFOS writes that mean one offset everywhere. Others (IST, BST, CST, ...) name different
// zones in different countries, so they are not trusted.
const UTC_NAMES = new Set(['UTC', 'GMT', 'Z']);

export interface XgTime { millis: number; timezone?: string }

/**
 * SFOS 19+ writes `timestamp` with its offset, which wins. Older releases write `date` and `time` in
 * the firewall's zone plus a zone abbreviation: read in that zone when it is UTC/GMT, else in the
 * configured zone (`timeZone`), as Elastic reads them in its configured zone (default UTC).
 */
export function xgTime(pairs: Record<string, string>, timeZone: string): XgTime | undefined {
  const stamped = pairs.timestamp === undefined ? undefined : scanIsoTimestamp(pairs.timestamp, 0);
  if (stamped !== undefined) return { millis: stamped.millis };
  const date = DATE.exec(pairs.date ?? '');
  const time = TIME.exec(pairs.time ?? '');
  if (date === null || time === null) return undefined;
  const zone = UTC_NAMES.has(pairs.timezone ?? '') ? 'UTC' : timeZone;
  const millis = zonedMillis({
    year: Number(date[1]), month: Number(date[2]), day: Number(date[3]),
    hour: Number(time[1]), minute: Number(time[2]), second: Number(time[3]),
  }, zone);
  return millis === undefined ? undefined : { millis, timezone: zone };
}
