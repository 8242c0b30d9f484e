import { setOwnField } from '../set-own-field.js';

// Sophos writes `key=value` with quotes only where it likes: unquoted values may hold spaces
// (`ether_type=Unknown (0x0000)`, `device_id=C44313350024- P29PUA`). Elastic's pipelines therefore
// split at a space that is followed by a key and `=`; we do the same, but keep quoted values whole,
// so a message such as `"SSL_ERROR_SYSCALL: ret=-1 error=Broken pipe"` stays one value.
const MAX_KEY = 64;
const MAX_PAIRS = 512;

function isKeyChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45;
}

/** Length of the key starting at `at` when `key=` follows, else 0. */
function keyLength(text: string, at: number): number {
  let i = at;
  while (i < text.length && i - at <= MAX_KEY && isKeyChar(text.charCodeAt(i))) i++;
  return i > at && i - at <= MAX_KEY && text[i] === '=' ? i - at : 0;
}

/** Where an unquoted value that starts at `from` ends: before the next ` key=`, or at the end. */
function unquotedEnd(text: string, from: number): number {
  let space = text.indexOf(' ', from);
  while (space >= 0) {
    let next = space + 1;
    while (text[next] === ' ') next++;
    if (keyLength(text, next) > 0) return space;
    // Continue after the run of spaces, so a line of spaces is walked once.
    space = text.indexOf(' ', next);
  }
  return text.length;
}

/**
 * The pairs of a Sophos log from `start`. Keys are `[A-Za-z0-9_-]{1,64}`; a quoted value runs to its
 * closing quote (an unterminated one to the end of the line); text that is no pair is skipped.
 * Empty values and Sophos's "no value" markers (`-`, `N/A`) are dropped, as Elastic drops them.
 */
export function scanSophosPairs(text: string, start: number): Record<string, string> {
  const pairs: Record<string, string> = {};
  let count = 0;
  let i = start;
  while (i < text.length && count < MAX_PAIRS) {
    while (text[i] === ' ') i++;
    const length = keyLength(text, i);
    if (length === 0) {
      const space = text.indexOf(' ', i);
      if (space < 0) break;
      i = space + 1;
      continue;
    }
    const key = text.slice(i, i + length);
    let value: string;
    const valueStart = i + length + 1;
    if (text[valueStart] === '"') {
      const close = text.indexOf('"', valueStart + 1);
      const end = close < 0 ? text.length : close;
      value = text.slice(valueStart + 1, end);
      i = end + 1;
    } else {
      const end = unquotedEnd(text, valueStart);
      value = text.slice(valueStart, end).trimEnd();
      i = end;
    }
    if (value !== '' && value !== '-' && value !== 'N/A') {
      setOwnField(pairs, key, value);
      count++;
    }
  }
  return pairs;
}
