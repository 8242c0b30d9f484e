import { parseCidr, parseIp } from '../../core/net/ip-address.js';

export const INDICATOR_TYPES = ['ip', 'cidr', 'domain', 'url', 'md5', 'sha1', 'sha256'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** One line of an IOC list, normalised for lookup. */
export interface Indicator {
  type: IndicatorType;
  /** Lowercased domain or hash, canonical URL, the address text, or the CIDR as written. */
  value: string;
  description?: string;
  line: number;
}

const HEX = /^[0-9a-f]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*$/;

/** Decides what kind of indicator a bare value is. */
export function detectIndicatorType(value: string): IndicatorType | undefined {
  const text = value.trim();
  if (parseIp(text)) return 'ip';
  if (parseCidr(text)) return 'cidr';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return 'url';
  const lower = text.toLowerCase();
  if (HEX.test(lower)) {
    if (lower.length === 32) return 'md5';
    if (lower.length === 40) return 'sha1';
    if (lower.length === 64) return 'sha256';
  }
  if (DOMAIN.test(normaliseDomain(text))) return 'domain';
  return undefined;
}

export function normaliseDomain(text: string): string {
  // Runs for every domain of every event: no regular expression, and no copy for an already normal name.
  const name = text.trim().toLowerCase();
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Scheme and host are case-insensitive and a trailing slash carries no meaning; URL() normalises the rest. */
export function normaliseUrl(text: string): string {
  try {
    return new URL(text.trim()).href.replace(/\/$/, '');
  } catch {
    return text.trim();
  }
}

/** Checks that a value is valid for the declared type and returns its normalised form. */
export function normaliseIndicator(type: IndicatorType, value: string): string | undefined {
  const text = value.trim();
  switch (type) {
    case 'ip':
      return parseIp(text) ? text : undefined;
    case 'cidr':
      return parseCidr(text) ? text : undefined;
    case 'domain': {
      const domain = normaliseDomain(text);
      return DOMAIN.test(domain) ? domain : undefined;
    }
    case 'url':
      return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? normaliseUrl(text) : undefined;
    case 'md5':
    case 'sha1':
    case 'sha256': {
      const lower = text.toLowerCase();
      const length = { md5: 32, sha1: 40, sha256: 64 }[type];
      return HEX.test(lower) && lower.length === length ? lower : undefined;
    }
  }
}
