import { de, type MessageKey, type Messages } from './i18n/de.js';
import { en } from './i18n/en.js';

export type Language = 'de' | 'en';

const DICTIONARIES: Record<Language, Messages> = { de, en };
const STORAGE_KEY = 'lagebild.language';

let current: Language = readStoredLanguage();

function readStoredLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'de';
  } catch {
    // Storage can be disabled (private mode, policy); German is the default then.
    return 'de';
  }
}

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted, but the switch still applies to this page.
  }
}

/** Whether a key built from a server code (`risk.reason.<code>`) has a message: a newer server may send codes this UI does not know. */
export function isMessageKey(key: string): key is MessageKey {
  return key in DICTIONARIES[current];
}

/** The message for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return DICTIONARIES[current][key].replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

/** The message keys that come in pairs `<base>.one` and `<base>.other`: the bases. */
export type CountedKey = { [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never }[MessageKey];

/**
 * The message for `count` things ("1 Alarm", "2 Alarme"): `<key>.one` or `<key>.other` as the
 * language's plural rules choose, with `{count}` filled in as a formatted number.
 */
export function tCount(key: CountedKey, count: number, values: Record<string, string | number> = {}): string {
  const form = new Intl.PluralRules(locale()).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}`, { ...values, count: formatNumber(count) });
}

export function locale(): string {
  return current === 'de' ? 'de-DE' : 'en-GB';
}

/** One format for every time the UI shows: 03.12.2026, 17:20 (en: 03/12/2026, 17:20), local time, no seconds. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}

/** A share as a whole percentage: "58 %" (en: "58%"); nothing of nothing is 0 %. */
export function formatPercent(part: number, whole: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(whole === 0 ? 0 : part / whole);
}
