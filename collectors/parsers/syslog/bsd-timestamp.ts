import { utcMillis, type ScannedTime } from './iso-timestamp.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;
/** A BSD timestamp further ahead of the receive time than this was written last year (clock skew allowance). */
const FUTURE_ALLOWANCE_MS = 7 * DAY_MS;

function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Scans an RFC 3164 timestamp `Mmm dd hh:mm:ss` (day space-padded or not), with the common variants
 * `Mmm dd yyyy hh:mm:ss` (Cisco, Juniper) and a fractional second. The format has no year and no zone:
 * the time is read as UTC, and the year is the one that puts the time closest before the receive
 * time, which handles the December/January rollover.
 */
export function scanBsdTimestamp(text: string, start: number, receivedAt: Date): ScannedTime | undefined {
  const month = MONTHS.indexOf(text.slice(start, start + 3)) + 1;
  if (month === 0 || text[start + 3] !== ' ') return undefined;
  let i = start + 4;
  if (text[i] === ' ') i++;
  let day = twoDigits(text, i);
  if (day >= 0) i += 2;
  else if (text.charCodeAt(i) >= 49 && text.charCodeAt(i) <= 57) day = text.charCodeAt(i++) - 48;
  else return undefined;
  if (text[i] !== ' ') return undefined;
  i++;
  let year: number | undefined;
  if (text[i + 4] === ' ' && twoDigits(text, i) >= 0 && twoDigits(text, i + 2) >= 0) {
    year = twoDigits(text, i) * 100 + twoDigits(text, i + 2);
    i += 5;
  }
  const hour = twoDigits(text, i);
  const minute = twoDigits(text, i + 3);
  const second = twoDigits(text, i + 6);
  if (hour < 0 || minute < 0 || second < 0 || text[i + 2] !== ':' || text[i + 5] !== ':') return undefined;
  i += 8;
  let ms = 0;
  if (text[i] === '.') {
    const fractionStart = ++i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === fractionStart) return undefined;
    ms = Number((text.slice(fractionStart, Math.min(i, fractionStart + 3)) + '00').slice(0, 3));
  }
  if (year !== undefined) {
    const millis = utcMillis(year, month, day, hour, minute, second, ms);
    return millis === undefined ? undefined : { millis, end: i };
  }
  const received = receivedAt.getTime();
  const thisYear = receivedAt.getUTCFullYear();
  for (const candidate of [thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3, thisYear - 4]) {
    const millis = utcMillis(candidate, month, day, hour, minute, second, ms);
    // Feb 29 only exists in leap years, hence the search over several years.
    if (millis !== undefined && millis - received <= FUTURE_ALLOWANCE_MS) return { millis, end: i };
  }
  return undefined;
}
