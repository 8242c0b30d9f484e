import { SigmaString } from '../sigma-string.js';
import type { ItemState } from './modifier.js';

/**
 * contains, startswith and endswith on values that are no longer plain strings, as pySigma applies
 * them: a field reference then matches part of the field; a regular expression, which already
 * matches anywhere in the field, is anchored at the start (`\A`) or end (`\z`, not `$`, which `m`
 * would turn into a line end) for startswith or endswith. Returns false for plain strings, which
 * the modifier rewrites with wildcards itself.
 */
export function applyPartialMatch(state: ItemState, before: boolean, after: boolean): boolean {
  if (state.matcher === 'fieldref') {
    const partial = state.fieldrefPartial ?? { before: false, after: false };
    state.fieldrefPartial = { before: partial.before || before, after: partial.after || after };
    return true;
  }
  if (state.matcher !== 're') return false;
  state.values = state.values.map((alternatives) =>
    alternatives.map((value) => {
      const source = value instanceof SigmaString ? value.plain() ?? '' : String(value);
      return SigmaString.literal(`${before ? '' : '\\A'}(?:${source})${after ? '' : '\\z'}`);
    }),
  );
  return true;
}
