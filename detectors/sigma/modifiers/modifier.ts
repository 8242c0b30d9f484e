import { SigmaString } from '../sigma-string.js';
import type { TimePart } from '../time-of-value.js';

/** One value of a detection item while modifiers run: strings stay Sigma strings; `exists` needs booleans. */
export type ModifierValue = SigmaString | boolean | null;

/** How the values of an item are finally tested against a field. */
export type MatcherKind = 'string' | 're' | 'cidr' | 'exists' | 'compare' | 'fieldref';

/**
 * A detection item's values and matching options while its modifiers are applied in order.
 * Each entry of `values` is one value as written; its array holds the alternatives that value
 * expanded into (windash, base64offset, placeholders), which are always OR-linked.
 */
export interface ItemState {
  values: ModifierValue[][];
  linking: 'or' | 'and';
  matcher: MatcherKind;
  cased: boolean;
  negated: boolean;
  /** Literals hold one byte per character (after utf16*), so base64 must not UTF-8-encode them. */
  binary: boolean;
  compare?: 'lt' | 'lte' | 'gt' | 'gte';
  /** Set by a time modifier: the values are numbers, tested against that part of the field's date. */
  timePart?: TimePart;
  /** The last modifier that rewrote the values (contains, base64, windash...); time modifiers need them as written. */
  rewrittenBy?: string;
  regexFlags: string;
  /** The item searches keywords in the whole event rather than one field. */
  keyword: boolean;
  /** After fieldref|startswith/endswith/contains: the other field's value may be followed (after) or preceded (before) by more text. */
  fieldrefPartial?: { before: boolean; after: boolean };
}

export interface ModifierContext {
  placeholders: Readonly<Record<string, readonly string[]>>;
  warn(message: string): void;
}

export interface Modifier {
  name: string;
  /** Values are taken verbatim (no wildcard parsing) when an item uses this modifier. */
  rawValues?: boolean;
  apply(state: ItemState, context: ModifierContext): void;
}

/** A modifier that cannot apply to what it was given; reported as a rule problem. */
export class ModifierError extends Error {
  override name = 'ModifierError';
}

/** After a time modifier the values are numbers for a date's part, which other ways of matching cannot use. */
export function refuseTimePart(state: ItemState, modifier: string): void {
  if (state.timePart) throw new ModifierError(`"${modifier}" cannot be combined with "${state.timePart}"`);
}

/** What the values have become when a modifier gave them another type (re, cidr, gt...), for messages. */
function valueType(state: ItemState): string {
  return state.compare ?? state.matcher;
}

/**
 * re, cidr, fieldref and exists read the values as written (as pySigma requires): after a modifier
 * that rewrote them (contains, base64, windash...) or gave them another type, there is nothing left
 * for them to read.
 */
export function requireValuesAsWritten(state: ItemState, modifier: string): void {
  refuseTimePart(state, modifier);
  const other = state.rewrittenBy ?? (state.matcher === 'string' ? undefined : valueType(state));
  if (other !== undefined) throw new ModifierError(`"${modifier}" cannot follow "${other}": it takes the values as written`);
}

/** Applies fn to each string alternative; other value types are an error for string modifiers. */
export function mapStrings(state: ItemState, modifier: string, fn: (value: SigmaString) => SigmaString[]): void {
  refuseTimePart(state, modifier);
  if (state.matcher !== 'string') throw new ModifierError(`"${modifier}" cannot be applied to "${valueType(state)}" values`);
  state.values = state.values.map((alternatives) =>
    alternatives.flatMap((value) => {
      if (value === null || typeof value === 'boolean') throw new ModifierError(`"${modifier}" needs string values`);
      return fn(value);
    }),
  );
  state.rewrittenBy = modifier;
}

/** For modifiers whose values are numbers: each must be a plain, non-blank, finite number. */
export function requireNumbers(state: ItemState, modifier: string): void {
  for (const value of state.values.flat()) {
    const text = value instanceof SigmaString ? value.plain() : undefined;
    if (text === undefined || text.trim() === '' || !Number.isFinite(Number(text))) throw new ModifierError(`"${modifier}" needs a number`);
  }
}

/** The literal text of a value for modifiers that cannot work on wildcards. */
export function plainText(value: SigmaString, modifier: string): string {
  const text = value.plain();
  if (text === undefined) throw new ModifierError(`"${modifier}" cannot be applied to a value with wildcards or placeholders`);
  return text;
}
