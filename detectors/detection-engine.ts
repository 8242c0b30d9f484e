import { join } from 'node:path';
import type { Alert, AlertRule } from '../core/domain/alert.js';
import type { EcsEvent } from '../core/domain/ecs.js';
import { fieldReader } from './field-reader.js';
import { AlertFolder, type Firing, type FoldingOptions } from './alerts/alert-folder.js';
import { trimEvent } from './alerts/trim-event.js';
import { spansOrganisations, type CompiledCorrelation } from './correlation/compiled-correlation.js';
import { CorrelationEngine, DEFAULT_CORRELATION_OPTIONS, eventOfHit, type CorrelationHit, type CorrelationOptions, type CorrelationStats, type RuleFiring } from './correlation/correlation-engine.js';
import { correlationInputOf, firingOfInput, type CorrelationInput, type KeyedCorrelationInput } from './correlation/correlation-input.js';
import { SourceClocks } from './correlation/source-clocks.js';
import { IocMatcher, type IocMatch } from './ioc/ioc-matcher.js';
import type { IocList } from './ioc/ioc-list.js';
import { loadIocLists } from './ioc/load-ioc-lists.js';
import { compileCorrelations } from './correlation/compile-correlations.js';
import { loadRules } from './sigma/load-rules.js';
import { RuleDefaults } from './rule-packs/rule-defaults.js';
import { readSigmahqTuning } from './rule-packs/sigmahq-tuning.js';
import { sigmaFieldReader } from './sigma/sigma-field-reader.js';
import { RuleIndex } from './sigma/rule-index.js';
import type { CompiledSigmaRule, RuleProblem } from './sigma/types.js';

export interface DetectionEngineOptions {
  /** Values for Sigma `expand` placeholders (groups of hosts or organisations). */
  placeholders?: Record<string, string[]>;
  /** Field readers are the engine's own: it maps each referenced rule's fields by its log source. */
  correlation?: Partial<Omit<CorrelationOptions, 'fieldReaderFor'>>;
  folding?: Partial<FoldingOptions>;
  /** How many sources (organisation and host) the lateness judgement remembers. */
  maxSources?: number;
}

export interface DetectionStats extends CorrelationStats {
  openFolds: number;
  /** Sources whose event time the engine follows. */
  sources: number;
}

export interface DetectionEngineParts {
  sigmaRules: CompiledSigmaRule[];
  correlations: CompiledCorrelation[];
  iocLists: IocList[];
  options?: DetectionEngineOptions;
}

/** A compiled rule tree with its problems and each rule's default (see DetectionEngine.loadRuleSet). */
export interface LoadedRuleSet {
  parts: DetectionEngineParts;
  problems: RuleProblem[];
  defaults: RuleDefaults;
}

/** The rules an engine runs, for listing them. */
export interface RuleInventory {
  sigmaRules: readonly CompiledSigmaRule[];
  correlations: readonly CompiledCorrelation[];
  iocLists: readonly IocList[];
}

/** The Sigma rules an event is tested against, and a buffer for them rewritten for every event. */
interface SigmaRuleIndex {
  rules: RuleIndex;
  candidates: CompiledSigmaRule[];
}

/** Receives the inputs of cross-organisation correlations that the caller routes to their own stage. */
export type CorrelationInputSink = (input: KeyedCorrelationInput) => void;

/**
 * Which correlations one call evaluates here, and where the inputs of the others go. Without a sink
 * (`lagebild detect`, embedded tests) everything runs in place.
 */
interface Stage {
  accepts: (correlation: CompiledCorrelation) => boolean;
  rekey?: CorrelationInputSink;
}

/** Fields that tell repeats of a single-event rule apart: the same rule on another host or user is another alert. */
const SIGMA_GROUP_READERS = ['organization.id', 'host.name', 'source.ip', 'user.name'].map(fieldReader);

/** How far ahead of its arrival an event's time may be before correlations take its clock for wrong. */
const CLOCK_AHEAD_TOLERANCE_MS = 5 * 60_000;

/** Fields that name the source whose clock an event's time comes from, most specific first (see SourceClocks). */
const SOURCE_READERS = ['host.name', 'observer.hostname', 'log.source.address'].map(fieldReader);
const readOrganisation = fieldReader('organization.id');

/**
 * The detection pipeline for one stream of events: Sigma rules and IOC lists per event, correlations
 * over their firings (and over other correlations: chains), folding of repeats into few alerts.
 * Stateful and driven by event time only, so `lagebild detect` on a file and the service on the bus
 * produce the same alerts. Rules a correlation references stay silent unless it says `generate: true`.
 */
export class DetectionEngine {
  /**
   * The enabled Sigma rules, indexed; rebuilt at the next event after a Sigma rule is switched.
   * Disabled rules stay out of the index: thousands of switched-off SigmaHQ rules would otherwise
   * cost every event their guard needles and log-source groups.
   */
  private index: SigmaRuleIndex | undefined;
  private readonly sigmaIds: Set<string>;
  private readonly correlationIds: Set<string>;
  private readonly correlations: CorrelationEngine;
  private readonly silent: Set<string>;
  private readonly crossOrg: Set<string>;
  private readonly disabled = new Set<string>();
  private readonly inventory: { sigmaRules: CompiledSigmaRule[]; correlations: CompiledCorrelation[] };
  private readonly everywhere: Stage = { accepts: (correlation) => !this.disabled.has(correlation.id) };
  private readonly folder: AlertFolder;
  private readonly sources: SourceClocks;
  private readonly clock: () => number;
  readonly options: DetectionEngineOptions;
  private iocMatcher: IocMatcher;
  private newest = Number.NEGATIVE_INFINITY;
  private lastAdvance = Number.NEGATIVE_INFINITY;
  private lateEvents = 0;

  constructor(parts: DetectionEngineParts) {
    this.sigmaIds = new Set(parts.sigmaRules.map((rule) => rule.id));
    this.correlationIds = new Set(parts.correlations.map((correlation) => correlation.id));
    const byId = new Map(parts.sigmaRules.map((rule) => [rule.id, rule]));
    this.correlations = new CorrelationEngine(parts.correlations, {
      ...parts.options?.correlation,
      // A correlation names fields as the rules it references do: a group-by `IpAddress` over a
      // Windows rule reads `source.ip` from a Winlogbeat event, exactly like the rule's own matching.
      fieldReaderFor: (ruleId, field) => {
        const rule = byId.get(ruleId);
        return rule ? sigmaFieldReader(rule.logsource, rule.taxonomy, field) : fieldReader(field);
      },
    });
    this.clock = parts.options?.correlation?.clock ?? DEFAULT_CORRELATION_OPTIONS.clock;
    this.sources = new SourceClocks(this.correlations.latenessMs, parts.options?.maxSources ?? 100_000);
    this.silent = silentRules(parts.correlations);
    this.crossOrg = crossOrganisationStage(parts.correlations);
    this.inventory = { sigmaRules: parts.sigmaRules, correlations: parts.correlations };
    this.options = parts.options ?? {};
    this.folder = new AlertFolder(parts.options?.folding);
    this.iocMatcher = new IocMatcher(parts.iocLists);
  }

  /**
   * Loads a rule tree: Sigma rules and correlations from every YAML file under `rulesPath` (test
   * files excepted), IOC lists from its `ioc/` folder (or the path itself when that is a list).
   * Returns every problem found, not only the first; broken rules are left out of the engine.
   * Rules that are off by default (SigmaHQ rules outside the default packs, see RuleDefaults) are
   * loaded switched off, so that switching one on needs no reload.
   */
  static async load(rulesPath: string, options: DetectionEngineOptions = {}): Promise<{ engine: DetectionEngine; problems: RuleProblem[]; defaults: RuleDefaults }> {
    const ruleSet = await DetectionEngine.loadRuleSet(rulesPath, options);
    return { engine: DetectionEngine.fromRuleSet(ruleSet), problems: ruleSet.problems, defaults: ruleSet.defaults };
  }

  /** Reads and compiles a rule tree once (see load); each engine made from it starts with its own state. */
  static async loadRuleSet(rulesPath: string, options: DetectionEngineOptions = {}): Promise<LoadedRuleSet> {
    const loaded = await loadRules([rulesPath], options.placeholders ? { placeholders: options.placeholders } : {});
    const iocPath = /\.(txt|csv)$/i.test(rulesPath) ? rulesPath : join(rulesPath, 'ioc');
    const ioc = await loadIocLists(iocPath);
    const known = [...loaded.rules.map((rule) => ({ id: rule.id, ...(rule.name ? { name: rule.name } : {}) })), ...ioc.lists.map((list) => ({ id: list.id }))];
    const compiled = compileCorrelations(loaded.correlations, known);
    const defaults = new RuleDefaults([...loaded.rules, ...compiled.correlations], await readSigmahqTuning(rulesPath));
    return { parts: { sigmaRules: loaded.rules, correlations: compiled.correlations, iocLists: ioc.lists, options }, problems: [...loaded.problems, ...ioc.problems, ...compiled.problems], defaults };
  }

  /** A fresh engine over a loaded rule set, with the rules that are off by default switched off. */
  static fromRuleSet(ruleSet: LoadedRuleSet): DetectionEngine {
    const engine = new DetectionEngine(ruleSet.parts);
    for (const id of ruleSet.defaults.offByDefault()) engine.disabled.add(id);
    return engine;
  }

  /** Swaps in freshly loaded IOC lists (see IocWatcher); takes effect with the next event. */
  replaceIocMatcher(matcher: IocMatcher): void {
    this.iocMatcher = matcher;
  }

  /** Every rule the engine runs; IOC lists as of the last reload. */
  rules(): RuleInventory {
    return { ...this.inventory, iocLists: this.iocMatcher.lists };
  }

  /** By set lookup: a rule-state file switches thousands of rules at start, each asking this. */
  hasRule(id: string): boolean {
    return this.sigmaIds.has(id) || this.correlationIds.has(id) || this.iocMatcher.lists.some((list) => list.id === id);
  }

  isEnabled(id: string): boolean {
    return !this.disabled.has(id);
  }

  /**
   * Switches a rule on or off from the next event on. A disabled Sigma rule or IOC list neither
   * alerts nor feeds correlations; a disabled correlation is not evaluated. Returns false for an
   * unknown id. Ids of IOC lists survive reloads, so a disabled list stays disabled.
   */
  setEnabled(id: string, enabled: boolean): boolean {
    if (!this.hasRule(id)) return false;
    if (enabled) this.disabled.delete(id);
    else this.disabled.add(id);
    if (this.sigmaIds.has(id)) this.index = undefined;
    return true;
  }

  /**
   * Builds the index of the enabled rules now rather than at the first event. Building it for
   * thousands of rules takes a second or more of one core; a service calls this before it takes
   * events, so that the first event does not stall everything else the process serves.
   */
  prepare(): void {
    this.enabledSigmaRules();
  }

  private enabledSigmaRules(): SigmaRuleIndex {
    if (!this.index) {
      const rules = new RuleIndex(this.inventory.sigmaRules.filter((rule) => !this.disabled.has(rule.id)));
      this.index = { rules, candidates: new Array<CompiledSigmaRule>(rules.size) };
    }
    return this.index;
  }

  /**
   * Runs one event through the rules. With `rekey`, correlations that group across organisations
   * are not evaluated here (this engine sees only some organisations); their inputs go to `rekey`,
   * to be evaluated by `processCorrelationInput` where all inputs of a group meet.
   */
  process(event: EcsEvent, rekey?: CorrelationInputSink): Alert[] {
    const stage = this.stageOf(rekey);
    const time = this.timeOf(event);
    const alerts: Alert[] = [];
    // Built on the first firing only: most events fire no rule.
    let groupKey: string | undefined;
    let eventIds: string[] | undefined;
    let organizationIds: string[] | undefined;
    let trusted: number | null | undefined;
    const correlationTime = (): number | null => (trusted === undefined ? (trusted = this.correlationTimeOf(event, time)) : trusted);

    const index = this.enabledSigmaRules();
    const candidates = index.rules.candidates(event, index.candidates);
    for (let i = 0; i < candidates; i++) {
      const rule = index.candidates[i]!;
      if (!rule.match(event)) continue;
      groupKey ??= sigmaGroupKey(event);
      eventIds ??= eventIdsOf(event);
      organizationIds ??= organizationIdsOf(event);
      const firing: Firing = { rule: ruleOf(rule, 'sigma'), tags: rule.tags, groupKey, organizationIds, time, eventIds, events: [] };
      this.fire(firing, event, alerts, stage, correlationTime);
    }
    const iocMatches = this.iocMatcher.match(event);
    if (iocMatches.length > 0) this.fireIocMatches(iocMatches, event, time, alerts, stage, correlationTime);
    alerts.push(...this.advance(stage));
    return alerts;
  }

  /**
   * Decides what time alone decides: correlation windows of silent keys, folded repeats held back.
   * The service calls it from a timer, so an idle stream still gets its alerts; `rekey` as for process.
   */
  tick(rekey?: CorrelationInputSink): Alert[] {
    return [...this.advance(this.stageOf(rekey))];
  }

  private stageOf(rekey: CorrelationInputSink | undefined): Stage {
    return rekey ? { accepts: (correlation) => !this.disabled.has(correlation.id) && !this.crossOrg.has(correlation.id), rekey } : this.everywhere;
  }

  /**
   * The time correlations count the event at, or null when it arrives too late to correlate, judged
   * against its own source (organisation and host, see SourceClocks). Late events still go through
   * single-event rules and IOC lists; they are counted, and only correlations leave them out. A time
   * ahead of the event's arrival is a wrong clock, not a message from the future: correlations take
   * the arrival time instead, so that the source's events still meet those of other organisations
   * in a key that spans them (the event itself keeps its time).
   */
  private correlationTimeOf(event: EcsEvent, time: number): number | null {
    const now = this.clock();
    const trusted = Math.min(time, now + CLOCK_AHEAD_TOLERANCE_MS);
    let host: unknown;
    for (const read of SOURCE_READERS) if ((host = read(event)) !== undefined) break;
    if (!this.sources.isLate(`${String(readOrganisation(event) ?? '')}\u0000${String(host ?? '')}`, trusted, now)) return trusted;
    this.lateEvents++;
    return null;
  }

  private fireIocMatches(iocMatches: readonly IocMatch[], event: EcsEvent, time: number, alerts: Alert[], stage: Stage, correlationTime: () => number | null): void {
    const eventIds = eventIdsOf(event);
    const organizationIds = organizationIdsOf(event);
    for (const [list, matches] of byList(iocMatches)) {
      if (this.disabled.has(list.id)) continue;
      const group: Record<string, string> = {};
      for (const match of matches) group[match.field] ??= match.value;
      const firing: Firing = {
        rule: { id: list.id, title: list.title, level: list.level, type: 'ioc', ...(list.author ? { author: list.author } : {}), ...(list.reference ? { reference: list.reference } : {}) },
        tags: list.tags,
        groupKey: `${organizationIds[0] ?? ''}\u0000${JSON.stringify(group)}`,
        group,
        organizationIds,
        time,
        eventIds,
        events: [],
      };
      this.fire(firing, event, alerts, stage, correlationTime);
    }
  }

  /**
   * Evaluates one re-keyed input (see `process`) in its correlation; correlations chained onto it
   * are evaluated here too, as they belong to the cross-organisation stage as well.
   */
  processCorrelationInput(input: CorrelationInput): Alert[] {
    const alerts: Alert[] = [];
    if (this.disabled.has(input.correlationId)) return alerts;
    if (input.time > this.newest) this.newest = input.time;
    const stage: Stage = { accepts: (correlation) => !this.disabled.has(correlation.id) && this.crossOrg.has(correlation.id) };
    // Lateness was judged where the event was read; what arrives here counts.
    const hits = this.correlations.observeValues(input.correlationId, firingOfInput(input), { group: input.group, value: input.value });
    for (const hit of hits) this.fireCorrelation(hit, alerts, stage);
    alerts.push(...this.advance(stage));
    return alerts;
  }

  /** End of input: decides open correlation windows and emits every pending folded alert. */
  flush(): Alert[] {
    const alerts: Alert[] = [];
    for (const hit of this.correlations.flush()) this.fireCorrelation(hit, alerts, this.everywhere);
    alerts.push(...this.folder.flush());
    return alerts;
  }

  stats(): DetectionStats {
    const correlations = this.correlations.stats();
    return { ...correlations, lateEvents: correlations.lateEvents + this.lateEvents, openFolds: this.folder.openFolds, sources: this.sources.size };
  }

  private timeOf(event: EcsEvent): number {
    const parsed = Date.parse(event['@timestamp']);
    // An event without a usable time is judged at the stream's current time rather than dropped.
    const time = Number.isNaN(parsed) ? (Number.isFinite(this.newest) ? this.newest : Date.now()) : parsed;
    if (time > this.newest) this.newest = time;
    return time;
  }

  private fire(firing: Firing, event: EcsEvent, alerts: Alert[], stage: Stage, correlationTime: () => number | null): void {
    let evidence: EcsEvent | undefined;
    const trimmed = (): EcsEvent => (evidence ??= trimEvent(event));
    if (!this.silent.has(firing.rule.id)) alerts.push(...this.folder.offer(firing, this.clock(), trimmed));
    if (!this.correlations.listensTo(firing.rule.id)) return;
    const time = correlationTime();
    if (time === null) return;
    this.feed({ ruleId: firing.rule.id, event, time, eventIds: firing.eventIds, organizationIds: firing.organizationIds }, trimmed, alerts, stage);
  }

  /** Hands a firing to the correlations that reference its rule: here, or re-keyed to their stage. */
  private feed(firing: RuleFiring, evidence: () => EcsEvent, alerts: Alert[], stage: Stage): void {
    if (!this.correlations.listensTo(firing.ruleId)) return;
    if (stage.rekey) {
      for (const correlation of this.correlations.listenersOf(firing.ruleId)) {
        if (!this.crossOrg.has(correlation.id) || this.disabled.has(correlation.id)) continue;
        const values = this.correlations.valuesOf(correlation, firing.ruleId, firing.event);
        if (values) stage.rekey(correlationInputOf(correlation, firing, values, evidence()));
      }
    }
    for (const hit of this.correlations.observe(firing, stage.accepts)) this.fireCorrelation(hit, alerts, stage);
  }

  private fireCorrelation(hit: CorrelationHit, alerts: Alert[], stage: Stage): void {
    const correlation = hit.correlation;
    const hitEvent = hit.event;
    const firing: Firing = {
      rule: ruleOf(correlation, 'correlation'),
      tags: correlation.tags,
      groupKey: JSON.stringify(hit.group),
      group: hit.group,
      organizationIds: hit.organizationIds,
      time: hit.time,
      eventIds: hit.eventIds,
      events: [],
    };
    if (!this.silent.has(correlation.id)) alerts.push(...this.folder.offer(firing, this.clock(), hitEvent ? () => trimEvent(hitEvent) : undefined));
    if (!this.correlations.listensTo(correlation.id)) return;
    const event = eventOfHit(hit);
    this.feed({ ruleId: correlation.id, event, time: hit.time, eventIds: hit.eventIds, organizationIds: hit.organizationIds }, () => trimEvent(event), alerts, stage);
  }

  /** What wall-clock time decides (see tick); at most once a second. */
  private advance(stage: Stage): readonly Alert[] {
    const now = this.clock();
    if (now - this.lastAdvance < 1000) return NO_ALERTS;
    this.lastAdvance = now;
    const alerts: Alert[] = [];
    for (const hit of this.correlations.advance()) this.fireCorrelation(hit, alerts, stage);
    alerts.push(...this.folder.advance(now));
    return alerts;
  }
}

const NO_ALERTS: readonly Alert[] = Object.freeze([]);

const eventIdsOf = (event: EcsEvent): string[] => (event.event?.id ? [event.event.id] : []);
const organizationIdsOf = (event: EcsEvent): string[] => (event.organization?.id ? [event.organization.id] : []);

function sigmaGroupKey(event: EcsEvent): string {
  return SIGMA_GROUP_READERS.map((read) => String(read(event) ?? '')).join('\u0000');
}

/**
 * Correlations that group across organisations, and every correlation chained onto one of them:
 * in the distributed mode they run where their inputs are keyed by group, not by organisation.
 */
function crossOrganisationStage(correlations: CompiledCorrelation[]): Set<string> {
  const stage = new Set(correlations.filter(spansOrganisations).map((correlation) => correlation.id));
  for (let grown = true; grown; ) {
    grown = false;
    for (const correlation of correlations) {
      if (stage.has(correlation.id) || !correlation.ruleIds.some((id) => stage.has(id))) continue;
      stage.add(correlation.id);
      grown = true;
    }
  }
  return stage;
}

/** Rules referenced by correlations are building blocks: they alert only if a correlation asks for it. */
function silentRules(correlations: CompiledCorrelation[]): Set<string> {
  const silent = new Set<string>();
  const generated = new Set<string>();
  for (const correlation of correlations) for (const id of correlation.ruleIds) (correlation.generate ? generated : silent).add(id);
  for (const id of generated) silent.delete(id);
  return silent;
}

type DescribedRule = { id: string; title: string; level: AlertRule['level']; author?: string; references: string[] };

/** What alerts say about a rule, made once per rule and shared (frozen) by all its alerts. */
const alertRules = new WeakMap<DescribedRule, AlertRule>();

function ruleOf(rule: DescribedRule, type: AlertRule['type']): AlertRule {
  let described = alertRules.get(rule);
  if (described === undefined) {
    const reference = originOf(rule.references);
    described = Object.freeze({ id: rule.id, title: rule.title, level: rule.level, type, ...(rule.author ? { author: rule.author } : {}), ...(reference ? { reference } : {}) });
    alertRules.set(rule, described);
  }
  return described;
}

/** The SigmaHQ original a rule derives from if it names one, else its first reference. */
function originOf(references: string[]): string | undefined {
  return references.find((reference) => reference.includes('github.com/SigmaHQ/')) ?? references[0];
}

function byList(matches: readonly IocMatch[]): Map<IocList, IocMatch[]> {
  const grouped = new Map<IocList, IocMatch[]>();
  for (const match of matches) {
    const list = grouped.get(match.list) ?? [];
    list.push(match);
    grouped.set(match.list, list);
  }
  return grouped;
}
