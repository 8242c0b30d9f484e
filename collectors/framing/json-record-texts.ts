import { BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, COMMA, OPEN_ARRAY, OPEN_OBJECT, QUOTE } from '../json-char-codes.js';

/**
 * Cuts an HTTP ingest body into the texts of its records, lazily, so that a caller can stop at a
 * limit before the rest is even looked at: the elements of one top-level JSON array, else the
 * non-blank lines (NDJSON). Texts are slices of the body, never re-serialised values, so a record
 * nested too deep to stringify still arrives as it was sent. Only the top level is scanned (no
 * recursion); whether an element is valid JSON is for the reader of the text to find out.
 */
export function* jsonRecordTexts(body: string): Generator<string> {
  const trimmed = body.trim();
  if (isOneArray(trimmed)) {
    // isOneArray has checked that every element ends; the last one at the closing bracket.
    for (let start = 1; start < trimmed.length; ) {
      const end = elementEnd(trimmed, start);
      const text = trimmed.slice(start, end).trim();
      if (text !== '') yield text;
      start = end + 1;
    }
    return;
  }
  // Not one array after all: NDJSON, so that good lines survive a bad one.
  for (let start = 0; start < trimmed.length; ) {
    const newline = trimmed.indexOf('\n', start);
    const end = newline < 0 ? trimmed.length : newline;
    const text = trimmed.slice(start, end).trim();
    if (text !== '') yield text;
    start = end + 1;
  }
}

/** `[` … `]` whose top-level commas and closing bracket line up, with nothing after that bracket. */
function isOneArray(text: string): boolean {
  if (text.charCodeAt(0) !== OPEN_ARRAY || text.charCodeAt(text.length - 1) !== CLOSE_ARRAY) return false;
  for (let start = 1; ; ) {
    const end = elementEnd(text, start);
    if (end < 0) return false;
    if (text.charCodeAt(end) === CLOSE_ARRAY) return end === text.length - 1;
    start = end + 1;
  }
}

/** Index of the top-level `,` or `]` after the element that begins at `start`; -1 if there is none. */
function elementEnd(text: string, start: number): number {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === QUOTE) {
      index = stringEnd(text, index);
      if (index < 0) return -1;
    } else if (char === OPEN_ARRAY || char === OPEN_OBJECT) depth += 1;
    else if (char === CLOSE_ARRAY || char === CLOSE_OBJECT) {
      if (depth === 0) return char === CLOSE_ARRAY ? index : -1;
      depth -= 1;
    } else if (char === COMMA && depth === 0) return index;
  }
  return -1;
}

function stringEnd(text: string, quote: number): number {
  for (let index = quote + 1; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === BACKSLASH) index += 1;
    else if (char === QUOTE) return index;
  }
  return -1;
}
