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

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' }).format(date);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(current === 'de' ? 'de-DE' : 'en-GB').format(value);
}
