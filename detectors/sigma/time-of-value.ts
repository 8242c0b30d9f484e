/** The parts of a date that the Sigma time modifiers test. */
export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const DAY_MS = 86_400_000;
/** Epoch numbers smaller than this (either side of 1970) are seconds: 1e11 s is the year 5138, 1e11 ms is March 1973. */
const EPOCH_MS_FROM = 1e11;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Reused instead of a Date per event; only written and read inside one call.
const instant = new Date(0);
const calendar = new Date(0);

/** The number written by `count` ASCII digits at `from`, or -1 when one of them is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    n = n * 10 + digit;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Days since 1970-01-01; setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999. */
function dayNumber(year: number, month: number, day: number): number {
  calendar.setTime(0);
  return calendar.setUTCFullYear(year, month - 1, day) / DAY_MS;
}

/** ISO 8601 week: weeks start on Monday, and week 1 is the one holding the year's first Thursday. */
function isoWeek(year: number, month: number, day: number): number {
  const days = dayNumber(year, month, day);
  // 1970-01-01 was a Thursday, so (days + 3) mod 7 counts from Monday.
  const thursday = days + 3 - ((((days + 3) % 7) + 7) % 7);
  const thursdayYear = thursday < dayNumber(year, 1, 1) ? year - 1 : thursday >= dayNumber(year + 1, 1, 1) ? year + 1 : year;
  return Math.floor((thursday - dayNumber(thursdayYear, 1, 1)) / 7) + 1;
}

function pick(part: TimePart, year: number, month: number, day: number, hour: number | undefined, minute: number | undefined): number | undefined {
  switch (part) {
    case 'year':
      return year;
    case 'month':
      return month;
    case 'day':
      return day;
    case 'week':
      return isoWeek(year, month, day);
    case 'hour':
      return hour;
    case 'minute':
      return minute;
  }
}

/**
 * The part of "YYYY-MM-DD" or "YYYY-MM-DD[T ]hh:mm..." as written (what follows the minutes —
 * seconds, fraction, zone — is not read); null when the text has neither shape, undefined when it
 * has one but is no real date or lacks the part (a date has no hour).
 */
function isoPart(text: string, part: TimePart): number | undefined | null {
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || text[4] !== '-' || text[7] !== '-') return null;
  let hour: number | undefined;
  let minute: number | undefined;
  if (text.length > 10) {
    const separator = text[10];
    hour = digitsAt(text, 11, 2);
    minute = digitsAt(text, 14, 2);
    if ((separator !== 'T' && separator !== 't' && separator !== ' ') || hour < 0 || text[13] !== ':' || minute < 0) return null;
    if (hour > 23 || minute > 59) return undefined;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return pick(part, year, month, day, hour, minute);
}

/**
 * The `part` of the date in one field text, or undefined when the text holds no date with that part.
 * ISO-like text gives its parts as written, with no zone conversion, as the Sigma specification says
 * of time modifiers. A number is epoch seconds (below 1e11 in size) or milliseconds, read in UTC.
 * Other text gives nothing: Date.parse would read "Windows 10" as October 2001, and a text without a
 * zone in the zone of the machine.
 */
export function timeOfValue(text: string, part: TimePart): number | undefined {
  const iso = isoPart(text, part);
  if (iso !== null) return iso;
  if (text.trim() === '') return undefined;
  const epoch = Number(text);
  if (!Number.isFinite(epoch) || Number.isNaN(instant.setTime(Math.abs(epoch) < EPOCH_MS_FROM ? epoch * 1000 : epoch))) return undefined;
  return pick(part, instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate(), instant.getUTCHours(), instant.getUTCMinutes());
}
