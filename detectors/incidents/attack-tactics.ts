import { tacticRank, unionOfTactics, type AttackTactic } from '../../core/domain/attack-tactic.js';
import table from './attack-techniques.json' with { type: 'json' };

const TECHNIQUES: Readonly<Record<string, readonly string[]>> = table.techniques;
const TECHNIQUE_ID = /^t\d{4}(?:\.\d{3})?$/;

/**
 * The ATT&CK tactics a Sigma rule's tags name, deduplicated and in kill-chain order. Tactic tags
 * (older rules write `attack.credential_access`) say what the rule's author meant, so they win; only a
 * rule that names no tactic counts through its technique tags and the generated technique table (a
 * sub-technique through its parent when the table has no entry of its own). Without that precedence
 * one rule tagged with Valid Accounts would count as four tactics and inflate the story's chain.
 * Tags of other namespaces (`cve.`, `car.`, `detection.`) and unknown ids are ignored.
 */
export function tacticsOf(tags: readonly string[]): AttackTactic[] {
  const named: string[] = [];
  const derived: string[] = [];
  for (const tag of tags) {
    const lower = tag.trim().toLowerCase();
    if (!lower.startsWith('attack.')) continue;
    const name = lower.slice('attack.'.length).replaceAll('_', '-');
    if (tacticRank(name) !== undefined) named.push(name);
    else if (TECHNIQUE_ID.test(name)) derived.push(...techniqueTactics(name.toUpperCase()));
  }
  return unionOfTactics(named.length > 0 ? named : derived, []);
}

function techniqueTactics(id: string): readonly string[] {
  return TECHNIQUES[id] ?? TECHNIQUES[id.split('.')[0] ?? ''] ?? [];
}
