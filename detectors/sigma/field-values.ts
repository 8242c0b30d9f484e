import type { FieldCandidate } from './field-mapping.js';
import { pathAccessor, type Accessor } from './path-accessor.js';
import { VALUE_FORMS } from './sigma-value-forms.js';

/** The reader of one candidate, in the Sigma form of its value. */
function candidateReader(candidate: FieldCandidate): Accessor {
  if (candidate.form === undefined) return pathAccessor(candidate.path);
  const form = VALUE_FORMS.get(candidate.form);
  if (!form) throw new Error(`field mapping names unknown value form "${candidate.form}"`);
  return form(candidate.path);
}

/** The readers of the candidates that count first, and of the stand-ins that count only without them. */
function readersOf(candidates: readonly FieldCandidate[]): { primary: Accessor[]; standIns: Accessor[] } {
  return {
    primary: candidates.filter((c) => !c.standIn).map(candidateReader),
    standIns: candidates.filter((c) => c.standIn).map(candidateReader),
  };
}

const isScalar = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** Two values a rule cannot tell apart: the same text (a pipeline's number or boolean and the original's text). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a !== typeof b && isScalar(a) && isScalar(b) && String(a) === String(b);
}

function append(into: unknown[], value: unknown): void {
  if (Array.isArray(value)) for (const element of value) into.push(element);
  else into.push(value);
}

/**
 * Every value the readers find, as one value: the value itself when one reader (or several, with
 * the same value) finds it, so the usual event builds no list; a list of all of them otherwise,
 * lists flattened, for FieldView to test element by element. Null counts only when nothing else is
 * found, so `field: null` holds only when the field has no value anywhere.
 */
function collect(readers: Accessor[], event: object): unknown {
  let first: unknown;
  let all: unknown[] | undefined;
  for (let i = 0; i < readers.length; i++) {
    const value = readers[i]!(event);
    if (value === undefined || (value === null && first !== undefined)) continue;
    if (first === undefined || first === null) {
      first = value;
      continue;
    }
    if (all === undefined) {
      if (sameValue(first, value)) continue;
      all = [];
      append(all, first);
    }
    append(all, value);
  }
  return all ?? first;
}

/**
 * Reads a Sigma field as matchers see it: the values of all its candidates, each in Sigma form, or of
 * its stand-ins when no other candidate is present; undefined when none is.
 */
export function allValues(candidates: readonly FieldCandidate[]): Accessor {
  const { primary, standIns } = readersOf(candidates);
  if (primary.length === 1 && standIns.length === 0) return primary[0]!;
  if (standIns.length === 0) return (event) => collect(primary, event);
  return (event) => {
    const found = collect(primary, event);
    return found === undefined ? collect(standIns, event) : found;
  };
}

function firstOf(readers: Accessor[], event: object): unknown {
  for (let i = 0; i < readers.length; i++) {
    const value = readers[i]!(event);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Reads one value of a Sigma field: the first candidate present, in Sigma form; stand-ins last. */
export function firstValue(candidates: readonly FieldCandidate[]): Accessor {
  const { primary, standIns } = readersOf(candidates);
  if (primary.length === 1 && standIns.length === 0) return primary[0]!;
  return (event) => {
    const found = firstOf(primary, event);
    return found === undefined ? firstOf(standIns, event) : found;
  };
}
