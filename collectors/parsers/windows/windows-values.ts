/**
 * Event data values as Windows writes them: text, with "-" (and Sysmon's empty GUID) where there is
 * none, and numbers sometimes in hex ("0x1a2c").
 */
export function dataText(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value === '' || value === '-' || value === '{00000000-0000-0000-0000-000000000000}') return undefined;
  return value;
}

/** A decimal or `0x` hex number from event data, as the pipelines' Long.decode reads it. */
export function dataNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  const raw = dataText(value)?.trim();
  if (raw === undefined || raw.length > 20) return undefined;
  const hex = /^0x[0-9a-f]+$/i.test(raw);
  if (!hex && !/^[0-9]+$/.test(raw)) return undefined;
  const parsed = hex ? parseInt(raw.slice(2), 16) : Number(raw);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

/** Windows writes IPv4 peers of dual-stack sockets as IPv4-mapped IPv6 ("::ffff:10.1.2.3"). */
export function dataIp(value: unknown): string | undefined {
  const raw = dataText(value);
  if (raw === undefined) return undefined;
  return /^::ffff:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(raw) ? raw.slice(7) : raw;
}
