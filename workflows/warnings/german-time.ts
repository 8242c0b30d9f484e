const DAY = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });

/** `01.03.2025`: the day in Saxony. */
export function germanDay(iso: string): string {
  return DAY.format(new Date(iso));
}

/** `11:00`: the time of day in Saxony, to the minute. */
export function germanTime(iso: string): string {
  return TIME.format(new Date(iso));
}

/**
 * A span of time as a German sentence part: "am 01.03.2025 um 11:00 Uhr", "am 01.03.2025 zwischen
 * 11:00 und 13:00 Uhr", or "zwischen dem 01.03.2025, 11:00 Uhr und dem 03.03.2025, 09:15 Uhr".
 */
export function germanSpan(fromIso: string, toIso: string): string {
  const [fromDay, toDay, fromTime, toTime] = [germanDay(fromIso), germanDay(toIso), germanTime(fromIso), germanTime(toIso)];
  if (fromDay !== toDay) return `zwischen dem ${fromDay}, ${fromTime} Uhr und dem ${toDay}, ${toTime} Uhr`;
  if (fromTime === toTime) return `am ${fromDay} um ${fromTime} Uhr`;
  return `am ${fromDay} zwischen ${fromTime} und ${toTime} Uhr`;
}
