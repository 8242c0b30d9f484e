import type { WallTime } from '../local-time.js';

/** A wall-clock reading at the start of a DNS debug log line, and where the rest of the line begins. */
export interface LeadingTime {
  wall: WallTime;
  end: number;
}

// The DNS server writes date and time in the format of the server's locale.
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M) /;
const DOTTED_DAY_FIRST = /^(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) /;
const YEAR_FIRST = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) /;
const SLASHED_DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) /;

/**
 * Reads the locale-formatted time the Windows DNS server starts each debug log line with: en-US
 * `M/D/YYYY h:mm:ss AM`, de-DE `DD.MM.YYYY HH:mm:ss`, year-first `YYYY-MM-DD` / `YYYY/M/D` with
 * 24-hour time, and day-first `DD/MM/YYYY HH:mm:ss` (en-GB, fr-FR). Slashes with AM/PM are read
 * month first, slashes with a 24-hour clock day first, as those locales write them.
 */
export function leadingTime(line: string): LeadingTime | undefined {
  const us = US.exec(line);
  if (us) {
    const hour12 = Number(us[4]) % 12;
    return { wall: { year: Number(us[3]), month: Number(us[1]), day: Number(us[2]), hour: us[7] === 'PM' ? hour12 + 12 : hour12, minute: Number(us[5]), second: Number(us[6]) }, end: us[0].length };
  }
  const dayFirst = DOTTED_DAY_FIRST.exec(line) ?? SLASHED_DAY_FIRST.exec(line);
  if (dayFirst) {
    return { wall: { year: Number(dayFirst[3]), month: Number(dayFirst[2]), day: Number(dayFirst[1]), hour: Number(dayFirst[4]), minute: Number(dayFirst[5]), second: Number(dayFirst[6]) }, end: dayFirst[0].length };
  }
  const yearFirst = YEAR_FIRST.exec(line);
  if (yearFirst) {
    return { wall: { year: Number(yearFirst[1]), month: Number(yearFirst[2]), day: Number(yearFirst[3]), hour: Number(yearFirst[4]), minute: Number(yearFirst[5]), second: Number(yearFirst[6]) }, end: yearFirst[0].length };
  }
  return undefined;
}
