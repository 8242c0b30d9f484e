import { setOwnField } from './set-own-field.js';

type Fields = Record<string, unknown>;

/** Turns `{"source.ip": "x"}` into `{"source": {"ip": "x"}}` so that flat and nested ECS JSON look alike. */
export function expandDottedKeys(input: Fields): Fields {
  const output: Fields = {};
  for (const [key, raw] of Object.entries(input)) {
    const value = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? expandDottedKeys(raw as Fields) : raw;
    const parts = key.split('.');
    if (parts.some((part) => part === '')) {
      setOwnField(output, key, value);
      continue;
    }
    let node = output;
    for (const part of parts.slice(0, -1)) {
      // Only own properties: an inherited "__proto__" must never be walked into.
      const next = Object.hasOwn(node, part) ? node[part] : undefined;
      if (next === null || typeof next !== 'object' || Array.isArray(next)) setOwnField(node, part, {});
      node = node[part] as Fields;
    }
    const last = parts[parts.length - 1]!;
    const existing = Object.hasOwn(node, last) ? node[last] : undefined;
    if (existing !== null && typeof existing === 'object' && !Array.isArray(existing) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      Object.assign(existing, value);
    } else {
      setOwnField(node, last, value);
    }
  }
  return output;
}
