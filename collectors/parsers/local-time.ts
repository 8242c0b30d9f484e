import { utcMillis } from './syslog/iso-timestamp.js';

/** A wall-clock reading without a zone, as Windows servers write it into their text logs. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      return undefined;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far the zone's clock is ahead of UTC at the given instant, in milliseconds. */
function offsetAt(formatter: Intl.DateTimeFormat, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

let ownZone: string | undefined;

/** The time zone this process runs in (from TZ): what Elastic calls the agent's "local" zone. Read once. */
export function processTimeZone(): string {
  ownZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return ownZone;
}

/**
 * The instant a wall-clock reading in `timeZone` (an IANA name) stands for, or undefined for an
 * impossible date or an unknown zone. The offset is looked up twice because the first guess may
 * lie on the other side of a daylight-saving change; a reading inside the hour that change skips
 * or repeats has no single answer and gets one of the two instants next to it.
 */
export function zonedMillis(wall: WallTime, timeZone: string): number | undefined {
  const asUtc = utcMillis(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, 0);
  const formatter = formatterFor(timeZone);
  if (asUtc === undefined || formatter === undefined) return undefined;
  const firstGuess = asUtc - offsetAt(formatter, asUtc);
  const offset = offsetAt(formatter, firstGuess);
  const secondGuess = asUtc - offset;
  return offsetAt(formatter, secondGuess) === offset ? secondGuess : Math.min(firstGuess, secondGuess);
}
