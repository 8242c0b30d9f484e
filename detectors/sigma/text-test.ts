import { ANY_CHARS, ONE_CHAR, type SigmaString } from './sigma-string.js';
import { compileWildcardTest } from './wildcard-test.js';

/** Tests one field text; case-insensitive tests receive the lowercased text. */
export type TextTest = (text: string) => boolean;

/** A compiled string value: the test plus, for plain equality, the needle (so lists become a Set). */
export interface CompiledText {
  test: TextTest;
  equals?: string;
  /** Rough relative cost, to evaluate cheap items of an AND first. */
  cost: number;
}

/**
 * Compiles a Sigma string to the cheapest test that implements it: equality, startsWith, endsWith
 * or includes for the common shapes, a wildcard scan (no regular expression) for inner wildcards. Literals are
 * lowercased up front unless `cased`.
 */
export function compileText(value: SigmaString, cased: boolean): CompiledText {
  const fold = (t: string): string => (cased ? t : t.toLowerCase());
  const tokens = value.tokens;
  const literals = tokens.filter((t): t is string => typeof t === 'string');
  const wildcards = tokens.length - literals.length;
  if (wildcards === 0) {
    const needle = fold(literals.join(''));
    return { test: (t) => t === needle, equals: needle, cost: 1 };
  }
  if (literals.length === 0 && tokens.every((t) => t === ANY_CHARS)) return { test: () => true, cost: 0 };
  if (literals.length === 1 && tokens.every((t) => t !== ONE_CHAR)) {
    const needle = fold(literals[0]!);
    const first = tokens[0] === ANY_CHARS;
    const last = tokens[tokens.length - 1] === ANY_CHARS;
    if (first && last && tokens.length === 3) return { test: (t) => t.includes(needle), cost: 4 };
    if (first && tokens.length === 2) return { test: (t) => t.endsWith(needle), cost: 2 };
    if (last && tokens.length === 2) return { test: (t) => t.startsWith(needle), cost: 2 };
  }
  return { test: compileWildcardTest(tokens.map((token) => (typeof token === 'string' ? fold(token) : token))), cost: 8 };
}
