import type { RuleLevel } from '../../core/domain/alert.js';
import type { RulePack } from '../../core/domain/rule-pack.js';

/** The folder under the rules directory that holds SigmaHQ's rules, in the layout of its release archives. */
export const SIGMAHQ_FOLDER = 'sigmahq';

/** SigmaHQ's top-level rule folders, as its release archives name them. */
export const SIGMAHQ_RULE_FOLDERS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'] as const;

const MATURE = new Set(['test', 'stable']);
const SEVERE = new Set<RuleLevel>(['high', 'critical']);

interface PackedRule {
  file: string;
  status?: string;
  level: RuleLevel;
}

/**
 * The pack of a loaded rule, from the folder it was loaded from and its status and level: only a
 * file under `…/sigmahq/<SigmaHQ rule folder>/` is SigmaHQ's. Generic rules below Core+'s bar
 * (experimental, or low and informational, which no release contains) count as Core++.
 */
export function packOf(rule: PackedRule): RulePack {
  const parts = rule.file.split(/[\\/]/);
  for (let index = parts.length - 2; index >= 1; index--) {
    if (parts[index - 1] !== SIGMAHQ_FOLDER) continue;
    const folder = parts[index];
    if (folder === 'rules-emerging-threats') return 'emerging-threats';
    if (folder === 'rules-threat-hunting') return 'threat-hunting';
    if (folder !== 'rules') continue;
    if (!MATURE.has(rule.status ?? '')) return 'core++';
    if (SEVERE.has(rule.level)) return 'core';
    return rule.level === 'medium' ? 'core+' : 'core++';
  }
  return 'lagebild';
}

