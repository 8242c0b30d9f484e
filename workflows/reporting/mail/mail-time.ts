import type { Locale } from '../../notifications/mail-template.js';

/** Deadlines are legal times in Saxony: shown in German local time, with the zone named. */
export function mailTime(iso: string, locale: Locale): string {
  const format = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return format.format(new Date(iso));
}
