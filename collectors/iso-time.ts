const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, value) => String(value).padStart(3, '0'));

/** Date parts by day number. Events carry a few days at a time (their own and today's); the cap only guards against a flood of odd dates. */
const datesByDay = new Map<number, string>();
const MAX_CACHED_DAYS = 1024;

/**
 * `new Date(millis).toISOString()`, for the two timestamps every event gets (`@timestamp` and
 * `event.ingested`): the builtin was a fifth of the RFC 5424 parser's own time. The date part is
 * taken from the builtin once per day and kept; the time of day is put together from tables.
 * Years outside 0000–9999 and invalid times go to the builtin as they are (it throws for the latter).
 */
export function isoTime(millis: number): string {
  const day = Math.floor(millis / DAY_MS);
  let date = datesByDay.get(day);
  if (date === undefined) {
    const iso = new Date(millis).toISOString();
    if (iso.length !== 24) return iso;
    if (datesByDay.size >= MAX_CACHED_DAYS) datesByDay.clear();
    date = iso.slice(0, 11);
    datesByDay.set(day, date);
  }
  let rest = millis - day * DAY_MS;
  const ms = rest % 1000;
  rest = (rest - ms) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return `${date}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[ms]}Z`;
}
