import { setOwnField } from '../set-own-field.js';

type Fields = Record<string, unknown>;

function isPlainObject(value: unknown): value is Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Deep-merges `addition` into `target`: objects merge, anything else replaces. Undefined values and
 * objects left empty are skipped, so field builders can write `port: maybePort` without checks.
 */
export function mergeFields<T extends Fields>(target: T, addition: Fields): T {
  // Own keys in the order Object.entries gives them, without an array per key: this runs for most events.
  for (const key in addition) {
    if (!Object.hasOwn(addition, key)) continue;
    const value = addition[key];
    if (value === undefined) continue;
    if (isPlainObject(value)) {
      // Only own properties: an inherited "__proto__" must never be merged into.
      const existing = Object.hasOwn(target, key) ? target[key] : undefined;
      if (isPlainObject(existing)) {
        mergeFields(existing, value);
      } else {
        const merged = mergeFields({}, value);
        if (Object.keys(merged).length > 0) setOwnField(target, key, merged);
      }
    } else {
      setOwnField(target, key, value);
    }
  }
  return target;
}
