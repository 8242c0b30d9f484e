/** A time read from a line: epoch milliseconds and where the timestamp ended. */
export interface ScannedTime { millis: number; end: number }

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return -1;
    value = value * 10 + (code - 48);
  }
  return value;
}

/** The last day looked up (lines of one sender share it), and where it starts. */
let lastYear = Number.NaN;
let lastMonth = Number.NaN;
let lastDay = Number.NaN;
let lastDayStart = 0;

/** Whole numbers from 0 to `max`: the time fields with which a time is the day's start plus them. */
function within(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= max;
}

/** Builds a UTC time and rejects dates that Date.UTC would silently roll over (Feb 30, 24:00...). */
export function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number | undefined {
  // The date builtins were a tenth of the RFC 5424 parser: a valid day is looked up once, and an
  // ordinary time of day is added to its start, which is what Date.UTC computes for such fields.
  if (year === lastYear && month === lastMonth && day === lastDay && within(hour, 23) && within(minute, 59) && within(second, 59) && within(ms, 999)) {
    return lastDayStart + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  }
  // A leap second (RFC 3339 allows :60) is kept as the last millisecond of the minute before.
  const leap = second === 60;
  const millis = Date.UTC(year, month - 1, day, hour, minute, leap ? 59 : second, leap ? 999 : ms);
  const check = new Date(millis);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 60) return undefined;
  if (within(hour, 23) && within(minute, 59) && within(second, 59) && within(ms, 999)) {
    lastYear = year;
    lastMonth = month;
    lastDay = day;
    lastDayStart = millis - ((hour * 60 + minute) * 60 + second) * 1000 - ms;
  }
  return millis;
}

/**
 * Scans an RFC 3339 / ISO 8601 timestamp at `start`: `YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm|+hhmm)`.
 * RFC 5424 requires the `T` and the offset; `lenient` also accepts a space before the time and a
 * missing offset (read as UTC), as written by rsyslog templates, NXLog and Suricata.
 */
export function scanIsoTimestamp(text: string, start: number, lenient = false): ScannedTime | undefined {
  const year = digits(text, start, 4);
  const month = digits(text, start + 5, 2);
  const day = digits(text, start + 8, 2);
  const separator = text[start + 10];
  if (year < 0 || month < 0 || day < 0 || text[start + 4] !== '-' || text[start + 7] !== '-') return undefined;
  if (separator !== 'T' && !(lenient && (separator === ' ' || separator === 't'))) return undefined;
  const hour = digits(text, start + 11, 2);
  const minute = digits(text, start + 14, 2);
  const second = digits(text, start + 17, 2);
  if (hour < 0 || minute < 0 || second < 0 || text[start + 13] !== ':' || text[start + 16] !== ':') return undefined;
  let i = start + 19;
  let ms = 0;
  if (text[i] === '.' || text[i] === ',') {
    i++;
    const fractionStart = i;
    // Only milliseconds survive in a JS Date; further digits (micro-, nanoseconds) are read and dropped.
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === fractionStart) return undefined;
    ms = Number((text.slice(fractionStart, Math.min(i, fractionStart + 3)) + '00').slice(0, 3));
  }
  let offsetMinutes = 0;
  const zone = text[i];
  if (zone === 'Z' || zone === 'z') {
    i++;
  } else if (zone === '+' || zone === '-') {
    const offsetHour = digits(text, i + 1, 2);
    const colon = text[i + 3] === ':';
    const offsetMinute = digits(text, i + (colon ? 4 : 3), 2);
    if (offsetHour < 0 || offsetMinute < 0 || offsetHour > 23 || offsetMinute > 59) return undefined;
    offsetMinutes = (zone === '+' ? 1 : -1) * (offsetHour * 60 + offsetMinute);
    i += colon ? 6 : 5;
  } else if (!lenient) {
    return undefined;
  }
  const millis = utcMillis(year, month, day, hour, minute, second, ms);
  if (millis === undefined) return undefined;
  return { millis: millis - offsetMinutes * 60_000, end: i };
}
