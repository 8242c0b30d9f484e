import type { ItemState } from './modifiers/modifier.js';
import type { Accessor } from './path-accessor.js';
import { requiredLiteral } from './required-literal.js';
import { SigmaString } from './sigma-string.js';

/** One field that would have to contain (case-insensitively) at least one of the lowercase `needles`. */
export interface GuardPart {
  fieldKey: string;
  /** Reads the raw field value, scalar or array, as matchers see it. */
  read: Accessor;
  needles: string[];
}

/**
 * A necessary condition of a rule: at least one of its parts holds. Rules whose guard fails on an
 * event cannot match it, so the index skips them after one multi-needle scan per field instead of
 * running hundreds of rules.
 */
export interface Guard {
  parts: GuardPart[];
}

/**
 * Characters the guard scan cannot fold the way `toLowerCase` does on a whole text: final sigma and
 * the dot that lowercasing İ adds depend on context, and surrogate pairs fold as pairs (the scan
 * folds one code unit at a time). A needle with one of them gets no guard, since a guard must never
 * miss a match.
 */
const UNFOLDABLE = /[\u03c2\u0307]/;

/**
 * Whether the scan, which folds one UTF-16 code unit at a time, finds the needle wherever lowercasing
 * the text would. A character outside the Basic Multilingual Plane is two code units that fold only
 * as a pair, unless it has no case at all: emoji, pictographs and hieroglyphs (SigmaHQ's emoji rules
 * list hundreds of them, and without a guard every process start would be tested against each).
 */
function foldsCodeUnitWise(needle: string): boolean {
  if (UNFOLDABLE.test(needle)) return false;
  for (const character of needle) {
    const point = character.codePointAt(0)!;
    if (point >= 0xd800 && point <= 0xdfff) return false;
    if (point > 0xffff && (character.toLowerCase() !== character || character.toUpperCase() !== character)) return false;
  }
  return true;
}

/** Shorter than this, a run of ASCII cut out of a longer needle would admit too many texts. */
const MIN_RUN = 3;

const PRINTABLE_ASCII_RUNS = /[\x20-\x7e]+/g;

/** Printable ASCII but "k" and "s", in lowercased text: see regexNeedleOf. */
const CASELESS_REGEX_RUNS = /[\x20-\x6a\x6c-\x72\x74-\x7e]+/g;

function longestRun(text: string, runs: RegExp): string {
  return (text.match(runs) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '');
}

/**
 * The longest run of printable ASCII in a needle that has other characters too, when long enough:
 * any part of a needle is as necessary as the whole. SigmaHQ's `windash` writes every option three
 * more times with Unicode dashes (" –delete ", " —delete ", " ―delete "); cut to "delete " they are
 * one needle again, scanned with the plain ASCII ones (see NeedleAutomaton).
 */
function asciiCore(needle: string): string {
  const run = longestRun(needle, PRINTABLE_ASCII_RUNS);
  return run === needle || run.length < MIN_RUN ? needle : run;
}

function needleOf(value: unknown): string | undefined {
  if (!(value instanceof SigmaString)) return undefined;
  let best = '';
  for (const token of value.tokens) if (typeof token === 'string' && token.length > best.length) best = token;
  const needle = asciiCore(best.toLowerCase());
  return needle && foldsCodeUnitWise(needle) ? needle : undefined;
}

/** Longer needles and fewer of them reject more events. */
function strength(guard: Guard): number {
  let shortest = Infinity;
  let count = 0;
  for (const part of guard.parts) {
    for (const needle of part.needles) shortest = Math.min(shortest, needle.length);
    count += part.needles.length;
  }
  return Math.min(shortest, 8) - count / 1000;
}

/**
 * The text every match of a regular expression contains, as a needle. A case-insensitive one (flag
 * `i` or a leading `(?i)`) gets the longest part of its literal in printable ASCII without "k" and
 * "s": RE2 folds those together with the Kelvin sign and ſ, which lowercasing does not map to them,
 * so the scan could miss a match through them; every other ASCII letter folds alike in both.
 */
function regexNeedleOf(value: unknown, flags: string): string | undefined {
  let source = value instanceof SigmaString ? value.plain() : typeof value === 'string' ? value : undefined;
  if (source === undefined) return undefined;
  let caseless = flags.includes('i');
  if (source.startsWith('(?i)')) {
    caseless = true;
    source = source.slice(4);
  }
  const literal = requiredLiteral(source, MIN_RUN)?.toLowerCase();
  const needle = literal && caseless ? longestRun(literal, CASELESS_REGEX_RUNS) : literal;
  return needle && needle.length >= MIN_RUN && foldsCodeUnitWise(needle) ? needle : undefined;
}

export function itemGuard(state: ItemState, fieldKey: string, read: GuardPart['read']): Guard | undefined {
  // A time item tests a date's part, which the field text need not contain as written ("3" for 03:00).
  if ((state.matcher !== 'string' && state.matcher !== 're') || state.negated || state.timePart) return undefined;
  const needleOfValue = state.matcher === 're' ? (value: unknown) => regexNeedleOf(value, state.regexFlags) : needleOf;
  const candidates = state.linking === 'or' ? [state.values.flat()] : state.values;
  let best: Guard | undefined;
  for (const alternatives of candidates) {
    const needles = alternatives.map(needleOfValue);
    if (needles.length === 0 || needles.some((n) => n === undefined)) continue;
    const guard = { parts: [{ fieldKey, read, needles: [...new Set(needles as string[])] }] };
    if (!best || strength(guard) > strength(best)) best = guard;
  }
  return best;
}

/** All children must hold: any child's guard is necessary; take the most selective. */
export function allGuard(guards: (Guard | undefined)[]): Guard | undefined {
  let best: Guard | undefined;
  for (const g of guards) if (g && (!best || strength(g) > strength(best))) best = g;
  return best;
}

/** One child must hold: necessary only when every child has a guard. */
export function anyGuard(guards: (Guard | undefined)[]): Guard | undefined {
  if (guards.length === 0 || guards.some((g) => !g)) return undefined;
  return { parts: guards.flatMap((g) => g!.parts) };
}

/** The guard of each compiled rule, kept beside the public CompiledSigmaRule shape. */
export const RULE_GUARDS = new WeakMap<object, Guard>();
