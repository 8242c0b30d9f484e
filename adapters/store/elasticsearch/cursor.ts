import type { estypes } from '@elastic/elasticsearch';
import { ValidationError } from '../../../core/errors.js';

/** The `sort` values of the last hit on a page, tagged with the sort they belong to. */
interface SearchAfterCursor {
  sort: string;
  after: estypes.FieldValue[];
}

export function encodeCursor(sort: string, after: estypes.SortResults): string {
  return Buffer.from(JSON.stringify({ sort, after } satisfies SearchAfterCursor)).toString('base64url');
}

export function decodeCursor(text: string, sort: string): estypes.FieldValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('invalid cursor');
  }
  const candidate = parsed as Partial<SearchAfterCursor> | null;
  if (candidate === null || typeof candidate !== 'object' || candidate.sort !== sort || !Array.isArray(candidate.after)) {
    throw new ValidationError('invalid cursor');
  }
  return candidate.after;
}
