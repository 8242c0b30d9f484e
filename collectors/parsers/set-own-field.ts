/**
 * Sets a key on a record built from untrusted input. Keys such as `__proto__` must become plain own
 * properties, never the prototype, or one hostile line could change how later code sees the object.
 */
export function setOwnField(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}
