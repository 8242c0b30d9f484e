import type { RuleLevel } from '../../core/domain/alert.js';
import type { Logsource } from '../sigma/types.js';
import type { DefaultBasis, RulePack } from '../../core/domain/rule-pack.js';
import { packOf } from './pack-of.js';
import { isReceived } from './received-log-sources.js';
import type { SigmahqTuning } from './sigmahq-tuning.js';

/** A rule's pack and whether it runs when nobody chose otherwise, with the reason in words. */
export interface RuleDefault {
  pack: RulePack;
  enabled: boolean;
  basis: DefaultBasis;
  reason: string;
}

interface DefaultedRule {
  id: string;
  file: string;
  level: RuleLevel;
  status?: string;
  logsource?: Logsource;
}

/**
 * What runs out of the box: Lagebild's own rules, and SigmaHQ's Core rules for the log sources
 * Lagebild receives, minus the noisy ones and plus the individually chosen ones the tuning file
 * names. Everything else ships switched off, one click (or `rule-state.json`) away.
 */
export class RuleDefaults {
  private readonly defaults = new Map<string, RuleDefault>();

  constructor(rules: Iterable<DefaultedRule>, tuning: SigmahqTuning) {
    for (const rule of rules) this.defaults.set(rule.id, decide(rule, tuning));
  }

  /** The default of a loaded rule; an unknown id (a rule added later) counts as Lagebild's own. */
  of(id: string): RuleDefault {
    return this.defaults.get(id) ?? LAGEBILD;
  }

  /** The ids of the rules that are off unless someone switches them on. */
  offByDefault(): string[] {
    return [...this.defaults].filter(([, value]) => !value.enabled).map(([id]) => id);
  }
}

const LAGEBILD: RuleDefault = { pack: 'lagebild', enabled: true, basis: 'lagebild', reason: 'Lagebild rule' };

function decide(rule: DefaultedRule, tuning: SigmahqTuning): RuleDefault {
  const pack = packOf(rule);
  if (pack === 'lagebild') return LAGEBILD;
  const off = tuning.off.get(rule.id);
  if (off) return { pack, enabled: false, basis: 'tuned-off', reason: off.reason };
  const on = tuning.on.get(rule.id);
  if (on) return { pack, enabled: true, basis: 'tuned-on', reason: on.reason };
  if (pack !== 'core') return { pack, enabled: false, basis: 'pack-off', reason: `the ${pack} pack is off by default` };
  if (rule.logsource && !isReceived(rule.logsource)) return { pack, enabled: false, basis: 'not-received', reason: 'written for a log source Lagebild does not receive' };
  return { pack, enabled: true, basis: 'received', reason: 'Core rule for a log source Lagebild receives' };
}
