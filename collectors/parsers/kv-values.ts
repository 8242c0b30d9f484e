import { isIP } from 'node:net';

// Typed readers for the string values of key=value logs: a value that is not what the field needs is
// left out rather than guessed, so ECS fields never hold a port of 70000 or an address "N/A".

export function portValue(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,5}$/.test(value) && Number(value) <= 65535 ? Number(value) : undefined;
}

export function countValue(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

export function ipValue(value: string | undefined): string | undefined {
  return value !== undefined && isIP(value) !== 0 ? value : undefined;
}

/** A non-empty text value, or undefined. */
export function textValue(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
