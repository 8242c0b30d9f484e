import type { EcsEvent } from '../../core/domain/ecs.js';
import { DERIVABLE_CATEGORIES, DERIVABLE_SERVICES, type EventLogsource } from './derive-logsource.js';
import { forEachText } from './field-view.js';
import { LogsourceMemo } from './logsource-memo.js';
import { NeedleAutomaton } from './needle-automaton.js';
import { RULE_GUARDS, type GuardPart } from './rule-guard.js';
import type { CompiledSigmaRule, Logsource } from './types.js';

interface Group {
  logsource: Logsource;
  rules: number[];
}

/** The rules of one derived log source and the guarded fields they need scanned. */
interface Selection {
  /** Rules of the selection without a guard, ascending: candidates for every event. */
  unguarded: number[];
  /** 1 for each rule number in the selection. */
  member: Uint8Array;
  fields: GuardedField[];
}

interface GuardedField {
  read: GuardPart['read'];
  /** Scans one text of the field for the needles and records the rules whose needle it holds. */
  scan: (text: string) => void;
}

function admits(wanted: string | undefined, known: string[] | null): boolean {
  return wanted === undefined || known === null || known.includes(wanted);
}

/**
 * A rule written for one product needs an event known to come from it. Field names alone would let
 * a Zeek or Azure rule judge every firewall line whose fields happen to map to the same ECS paths
 * (`not selection` rules then fire on nearly everything), so an unknown product admits only rules
 * that name none.
 */
function admitsProduct(wanted: string | undefined, known: string[] | null): boolean {
  return wanted === undefined || (known !== null && known.includes(wanted));
}

/**
 * Narrows the rules an event is tested against, in two steps. By log source: rules are grouped by
 * product/category/service and only groups compatible with the event's derived log source are kept
 * (a rule naming a product only for events of that product; a category or service that events never
 * reveal is ignored, so such rules are tried on every event of their product). By content: each
 * rule's guard (a field that must contain one of some needles) is checked with one Aho–Corasick scan
 * per field, and rules whose guard fails are dropped.
 */
export class RuleIndex {
  private readonly rules: CompiledSigmaRule[];
  private readonly groups: Group[];
  private readonly guarded: Uint8Array;
  private readonly fields = new Map<string, GuardedField>();
  private readonly fieldsOfRule: GuardedField[][];
  private readonly selections = new Map<string, Selection>();
  private readonly stamps: Uint32Array;
  private generation = 0;
  private readonly selectionOf = new LogsourceMemo((derived) => this.selectionFor(derived));
  /**
   * Guarded rules whose guard held for the current event, each once, in the first `hitCount` slots.
   * Fixed buffers rather than arrays emptied per event: emptying an array drops its storage, and
   * sorting one copies it.
   */
  private readonly hits: Int32Array;
  private hitCount = 0;

  constructor(rules: CompiledSigmaRule[]) {
    this.rules = rules;
    this.stamps = new Uint32Array(rules.length);
    this.hits = new Int32Array(rules.length);
    this.guarded = new Uint8Array(rules.length);
    const groups = new Map<string, Group>();
    const needlesByField = new Map<string, { read: GuardPart['read']; ids: Map<string, number[]> }>();
    const fieldKeysOfRule: string[][] = [];
    rules.forEach((rule, number) => {
      const logsource: Logsource = {};
      if (rule.logsource.product) logsource.product = rule.logsource.product;
      if (rule.logsource.category && DERIVABLE_CATEGORIES.has(rule.logsource.category)) logsource.category = rule.logsource.category;
      if (rule.logsource.service && DERIVABLE_SERVICES.has(rule.logsource.service)) logsource.service = rule.logsource.service;
      const key = `${logsource.product ?? ''}|${logsource.category ?? ''}|${logsource.service ?? ''}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { logsource, rules: [] }));
      group.rules.push(number);

      const guard = RULE_GUARDS.get(rule);
      if (!guard) return;
      this.guarded[number] = 1;
      fieldKeysOfRule[number] = guard.parts.map((part) => part.fieldKey);
      for (const part of guard.parts) {
        let field = needlesByField.get(part.fieldKey);
        if (!field) needlesByField.set(part.fieldKey, (field = { read: part.read, ids: new Map() }));
        for (const needle of part.needles) {
          const owners = field.ids.get(needle);
          if (!owners) field.ids.set(needle, [number]);
          else if (owners[owners.length - 1] !== number) owners.push(number);
        }
      }
    });
    this.groups = [...groups.values()];
    for (const [key, { read, ids }] of needlesByField) {
      const automaton = new NeedleAutomaton([...ids.keys()]);
      const rulesByNeedle = [...ids.values()];
      const hit = (needle: number): void => this.hit(rulesByNeedle[needle]!);
      this.fields.set(key, { read, scan: (text) => automaton.scan(text, hit) });
    }
    this.fieldsOfRule = rules.map((_, number) => (fieldKeysOfRule[number] ?? []).map((key) => this.fields.get(key)!));
  }

  /**
   * Only the few rules whose guard held are visited, not every rule of the selection: selections
   * hold over a thousand rules of which a handful survive. Writes the candidates, in rule order, to
   * the start of `into` and returns how many there are; `into` must have room for every rule (see
   * `size`), so that one buffer serves every event.
   */
  candidates(event: EcsEvent, into: CompiledSigmaRule[]): number {
    const selection = this.selectionOf.get(event);
    this.generation = (this.generation + 1) >>> 0 || 1;
    this.hitCount = 0;
    for (const field of selection.fields) forEachText(field.read(event), field.scan);
    const hits = this.hits;
    let kept = 0;
    for (let i = 0; i < this.hitCount; i++) {
      if (selection.member[hits[i]!] === 1) hits[kept++] = hits[i]!;
    }
    sortAscending(hits, kept);
    const unguarded = selection.unguarded;
    let count = 0;
    let u = 0;
    let h = 0;
    while (u < unguarded.length || h < kept) {
      const next = h >= kept || (u < unguarded.length && unguarded[u]! < hits[h]!) ? unguarded[u++]! : hits[h++]!;
      into[count++] = this.rules[next]!;
    }
    return count;
  }

  /** How many rules the index holds: the most candidates an event can have. */
  get size(): number {
    return this.rules.length;
  }

  private hit(owners: number[]): void {
    for (let i = 0; i < owners.length; i++) {
      const rule = owners[i]!;
      if (this.stamps[rule] === this.generation) continue;
      this.stamps[rule] = this.generation;
      this.hits[this.hitCount++] = rule;
    }
  }

  private selectionFor(derived: EventLogsource): Selection {
    const key = `${keyPart(derived.products)}|${keyPart(derived.categories)}|${keyPart(derived.services)}`;
    let selection = this.selections.get(key);
    if (!selection) {
      const rules = this.groups
        .filter(({ logsource }) => admitsProduct(logsource.product, derived.products) && admits(logsource.category, derived.categories) && admits(logsource.service, derived.services))
        .flatMap((group) => group.rules)
        .sort((a, b) => a - b);
      const fields = new Set<GuardedField>();
      for (const number of rules) {
        for (const field of this.fieldsOfRule[number]!) fields.add(field);
      }
      const member = new Uint8Array(this.rules.length);
      for (const number of rules) member[number] = 1;
      selection = { unguarded: rules.filter((number) => this.guarded[number] === 0), member, fields: [...fields] };
      this.selections.set(key, selection);
    }
    return selection;
  }
}

/** Insertion sort of the first `count` numbers: usually a handful, which `sort` would copy first. */
function sortAscending(numbers: Int32Array, count: number): void {
  for (let i = 1; i < count; i++) {
    const value = numbers[i]!;
    let j = i - 1;
    for (; j >= 0 && numbers[j]! > value; j--) numbers[j + 1] = numbers[j]!;
    numbers[j + 1] = value;
  }
}

function keyPart(part: string[] | null): string {
  return part === null ? '?' : part.join(',');
}
