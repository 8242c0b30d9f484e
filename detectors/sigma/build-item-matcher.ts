import { isIP } from 'node:net';
import { AddressRanges } from './address-ranges.js';
import type { FieldView } from './field-view.js';
import { compileLinearRegex } from './linear-regex.js';
import { ModifierError, type ItemState, type ModifierValue } from './modifiers/modifier.js';
import { SigmaString } from './sigma-string.js';
import type { Guard } from './rule-guard.js';
import { compileText, type TextTest } from './text-test.js';
import { timeOfValue, type TimePart } from './time-of-value.js';

export type EventTest = (event: object) => boolean;

/** A compiled detection item with its rough cost, so an AND can test cheap items first. */
export interface ItemMatcher {
  test: EventTest;
  cost: number;
  guard?: Guard;
}

export interface ItemMatcherContext {
  view(event: object, slot: number): FieldView;
  /** The cache slot of another field of the same rule (for fieldref). */
  fieldSlot(field: string): number;
}

type ViewTest = (view: FieldView) => boolean;

const isNull: ViewTest = (view) => !view.present || view.raw === null;
const never: ViewTest = () => false;

/** One text test out of several (their OR), built once: the matchers run for every candidate event. */
function anyOfTexts(tests: TextTest[]): TextTest {
  if (tests.length === 1) return tests[0]!;
  return (text) => {
    for (let i = 0; i < tests.length; i++) if (tests[i]!(text)) return true;
    return false;
  };
}

/** One value as written with its alternatives: true when any alternative matches any field text. */
function stringValueTest(alternatives: ModifierValue[], cased: boolean): { test: ViewTest; cost: number } {
  const tests: TextTest[] = [];
  const equals = new Set<string>();
  let cost = 0;
  let matchNull = false;
  for (const value of alternatives) {
    if (value === null) {
      matchNull = true;
      continue;
    }
    const compiled = compileText(value instanceof SigmaString ? value : SigmaString.literal(String(value)), cased);
    if (compiled.equals !== undefined) equals.add(compiled.equals);
    else tests.push(compiled.test);
    cost += compiled.cost;
  }
  if (equals.size > 0) {
    if (equals.size === 1) {
      const needle = [...equals][0]!;
      tests.unshift((t) => t === needle);
    } else tests.unshift((t) => equals.has(t));
  }
  let test: ViewTest;
  if (tests.length === 0) test = never;
  else {
    const matches = anyOfTexts(tests);
    test = cased ? (v) => v.someText(matches) : (v) => v.someLower(matches);
  }
  if (matchNull) {
    const inner = test;
    test = (v) => isNull(v) || inner(v);
  }
  return { test, cost: cost || 1 };
}

function regexValueTest(alternatives: ModifierValue[], flags: string): ViewTest {
  const matches = anyOfTexts(alternatives.map((value) => compileLinearRegex(String(value instanceof SigmaString ? value.plain() : value), flags)));
  return (v) => v.someText(matches);
}

function cidrValueTest(alternatives: ModifierValue[]): ViewTest {
  const ranges = new AddressRanges();
  for (const value of alternatives) {
    const text = value instanceof SigmaString ? value.plain() ?? '' : String(value);
    const [address = '', prefix] = text.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (family === 0 || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) throw new ModifierError(`invalid CIDR network "${text}"`);
    ranges.add(address, bits);
  }
  const inRanges = (text: string): boolean => ranges.contains(text);
  return (v) => v.someText(inRanges);
}

type NumberOp = NonNullable<ItemState['compare']> | 'eq';

const HOLDS: Record<NumberOp, (a: number, b: number) => boolean> = {
  eq: (a, b) => a === b,
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
};

/** Whether a number stands in relation `op` to one of the values (the modifiers checked they are numbers). */
function numberTest(alternatives: ModifierValue[], op: NumberOp): (n: number) => boolean {
  const limits = alternatives.map((value) => Number(value instanceof SigmaString ? value.plain() : value));
  const holds = HOLDS[op];
  return (n) => {
    for (let i = 0; i < limits.length; i++) if (holds(n, limits[i]!)) return true;
    return false;
  };
}

function compareValueTest(alternatives: ModifierValue[], op: NumberOp): ViewTest {
  const holds = numberTest(alternatives, op);
  const compares = (text: string): boolean => {
    if (text.trim() === '') return false;
    const n = Number(text);
    return !Number.isNaN(n) && holds(n);
  };
  return (v) => v.someText(compares);
}

/** Some text of the field is a date whose `part` stands in relation `op` to one of the values. */
function timeValueTest(alternatives: ModifierValue[], part: TimePart, op: NumberOp): ViewTest {
  const holds = numberTest(alternatives, op);
  const partHolds = (text: string): boolean => {
    const n = timeOfValue(text, part);
    return n !== undefined && holds(n);
  };
  return (v) => v.someText(partHolds);
}

/** How a text of the field relates to a text of the referenced field, after fieldref|contains/startswith/endswith. */
function fieldrefRelation(partial: ItemState['fieldrefPartial']): (text: string, other: string) => boolean {
  if (partial?.before && partial.after) return (text, other) => text.includes(other);
  if (partial?.after) return (text, other) => text.startsWith(other);
  if (partial?.before) return (text, other) => text.endsWith(other);
  return (text, other) => text === other;
}

/** `field|fieldref: other`: some text of the field equals (or contains, starts or ends with) some text of the other field. */
function fieldrefMatcher(state: ItemState, slot: number, context: ItemMatcherContext): ItemMatcher {
  const { view, fieldSlot } = context;
  const pick = state.cased ? (v: FieldView) => v.texts : (v: FieldView) => v.lower;
  const holds = fieldrefRelation(state.fieldrefPartial);
  const tests: EventTest[] = state.values.flat().map((value) => {
    const refSlot = fieldSlot(String(value instanceof SigmaString ? value.plain() : value));
    return (event) => {
      const others = pick(view(event, refSlot));
      return pick(view(event, slot)).some((t) => others.some((o) => holds(t, o)));
    };
  });
  const linked: EventTest = state.linking === 'and' ? (e) => tests.every((t) => t(e)) : (e) => tests.some((t) => t(e));
  return { test: state.negated ? (e) => !linked(e) : linked, cost: 3 };
}

/**
 * Builds the closure for one detection item after its modifiers ran: reads the field from the
 * shared cache and applies the value tests, OR- or AND-linked, negated for `neq`.
 */
export function buildItemMatcher(state: ItemState, slot: number, context: ItemMatcherContext): ItemMatcher {
  const { view } = context;
  let valueTests: ViewTest[];
  let cost = 1;
  const { timePart } = state;
  if (timePart !== undefined) {
    // The values are numbers, so without lt/lte/gt/gte they are compared for equality as numbers: '03' is 3.
    valueTests = state.values.map((alternatives) => timeValueTest(alternatives, timePart, state.compare ?? 'eq'));
    cost = 3;
  } else {
    switch (state.matcher) {
      case 'exists': {
        const wanted = state.values.flat()[0] === true;
        valueTests = [(v) => v.present === wanted];
        break;
      }
      case 're':
        valueTests = state.values.map((alternatives) => regexValueTest(alternatives, state.regexFlags));
        cost = 10;
        break;
      case 'cidr':
        valueTests = state.values.map((alternatives) => cidrValueTest(alternatives));
        cost = 5;
        break;
      case 'compare':
        valueTests = state.values.map((alternatives) => compareValueTest(alternatives, state.compare!));
        cost = 2;
        break;
      case 'fieldref':
        return fieldrefMatcher(state, slot, context);
      default: {
        const compiled = state.linking === 'and' ? state.values.map((alts) => stringValueTest(alts, state.cased)) : [stringValueTest(state.values.flat(), state.cased)];
        valueTests = compiled.map((c) => c.test);
        cost = compiled.reduce((sum, c) => sum + c.cost, 0);
      }
    }
  }
  let test: EventTest;
  if (valueTests.length === 0) test = () => false;
  else if (valueTests.length === 1) {
    const only = valueTests[0]!;
    test = (event) => only(view(event, slot));
  } else if (state.linking === 'and') test = (event) => {
    const v = view(event, slot);
    for (let i = 0; i < valueTests.length; i++) if (!valueTests[i]!(v)) return false;
    return true;
  };
  else test = (event) => {
    const v = view(event, slot);
    for (let i = 0; i < valueTests.length; i++) if (valueTests[i]!(v)) return true;
    return false;
  };
  if (state.negated) {
    const positive = test;
    test = (event) => !positive(event);
  }
  return { test, cost };
}
