import type { EcsEvent } from '../../core/domain/ecs.js';
import type { RulePack } from '../../core/domain/rule-pack.js';
import { DetectionEngine } from '../../detectors/detection-engine.js';

/** One rule's alerts on the background traffic, as alerts per organisation per day. */
export interface RuleNoiseEntry {
  id: string;
  title: string;
  pack: RulePack;
  enabledByDefault: boolean;
  /** Why the rule is on or off by default (the tuning file's reason for a tuned rule). */
  defaultReason: string;
  alertsPerOrganisationPerDay: number;
}

export interface RuleNoise {
  /** Every rule that raised an alert with all rules on, noisiest first. */
  firing: RuleNoiseEntry[];
  /** How many rules were on for the pass, and how many raised nothing. */
  rulesOn: number;
  silentRules: number;
}

/**
 * Replays the events with every rule switched on, in the order and with the clock of the scored
 * pass, and counts each rule's alerts. Attack traffic is part of the replay, so a rule that fires
 * only on the labelled attacks shows a small figure; a rule that fires on the background shows it
 * scaled by the constituency's size.
 */
export async function measureRuleNoise(rulesPath: string, events: EcsEvent[], perOrganisationDay: (count: number) => number, report: (message: string) => void): Promise<RuleNoise> {
  let now = Date.parse(events[0]!.event.ingested!);
  const { engine, defaults } = await DetectionEngine.load(rulesPath, { correlation: { clock: () => now } });
  const { sigmaRules, correlations, iocLists } = engine.rules();
  const rules = [...sigmaRules, ...correlations, ...iocLists];
  for (const rule of rules) engine.setEnabled(rule.id, true);
  report(`noise pass: ${rules.length} rules on, replaying ${events.length} events`);
  const counts = new Map<string, number>();
  const count = (id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const event of events) {
    now = Date.parse(event.event.ingested!);
    for (const alert of engine.process(event)) count(alert.rule.id);
  }
  for (const alert of engine.flush()) count(alert.rule.id);
  const titles = new Map(rules.map((rule) => [rule.id, rule.title]));
  const firing = [...counts]
    .map(([id, alerts]): RuleNoiseEntry => {
      const { pack, enabled, reason } = defaults.of(id);
      return { id, title: titles.get(id) ?? id, pack, enabledByDefault: enabled, defaultReason: reason, alertsPerOrganisationPerDay: perOrganisationDay(alerts) };
    })
    .sort((a, b) => b.alertsPerOrganisationPerDay - a.alertsPerOrganisationPerDay);
  report(`noise pass: ${firing.length} rules raised alerts`);
  return { firing, rulesOn: rules.length, silentRules: rules.length - firing.length };
}
