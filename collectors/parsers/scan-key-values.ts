import { setOwnField } from './set-own-field.js';

/** Reads `key=value key="quoted value"` pairs; an unterminated quote runs to the end of the line. */
export function scanKeyValues(text: string, start: number): Record<string, string> {
  const pairs: Record<string, string> = {};
  let i = start;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    const equals = text.indexOf('=', i);
    if (equals < 0) break;
    const key = text.slice(i, equals);
    let value: string;
    if (text[equals + 1] === '"') {
      const close = text.indexOf('"', equals + 2);
      const end = close < 0 ? text.length : close;
      value = text.slice(equals + 2, end);
      i = end + 1;
    } else {
      const space = text.indexOf(' ', equals + 1);
      const end = space < 0 ? text.length : space;
      value = text.slice(equals + 1, end);
      i = end;
    }
    if (key !== '' && !key.includes(' ')) setOwnField(pairs, key, value);
  }
  return pairs;
}
