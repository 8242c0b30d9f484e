import { ValidationError } from '../../../core/errors.js';

/** A keyset position: the sort value of the last item on the page and its id as the tie-breaker. */
export interface KeysetCursor {
  sort: string;
  value: string | number;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string, sort: string): KeysetCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('invalid cursor');
  }
  const candidate = parsed as Partial<KeysetCursor> | null;
  const valid =
    candidate !== null &&
    typeof candidate === 'object' &&
    candidate.sort === sort &&
    (typeof candidate.value === 'string' || typeof candidate.value === 'number') &&
    typeof candidate.id === 'string';
  if (!valid) throw new ValidationError('invalid cursor');
  return candidate as KeysetCursor;
}
