import table from './attack-techniques.json' with { type: 'json' };

/** ATT&CK enterprise tactics in kill-chain order: the order the story of an attack usually unfolds in. */
export const ATTACK_TACTICS = [
  'reconnaissance',
  'resource-development',
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'defense-evasion',
  'credential-access',
  'discovery',
  'lateral-movement',
  'collection',
  'command-and-control',
  'exfiltration',
  'impact',
] as const;
export type AttackTactic = (typeof ATTACK_TACTICS)[number];

const TACTIC_RANK = new Map<string, number>(ATTACK_TACTICS.map((tactic, rank) => [tactic, rank]));
const TECHNIQUES: Readonly<Record<string, readonly string[]>> = table.techniques;
const TECHNIQUE_ID = /^t\d{4}(?:\.\d{3})?$/;

/**
 * The ATT&CK tactics a Sigma rule's tags name, deduplicated and in kill-chain order. A tactic tag counts
 * directly (older rules write `attack.credential_access`); a technique tag counts through the generated
 * technique table, a sub-technique through its parent when the table has no entry of its own. Tags of
 * other namespaces (`cve.`, `car.`, `detection.`) and unknown ids are ignored.
 */
export function tacticsOf(tags: readonly string[]): AttackTactic[] {
  const ranks = new Set<number>();
  for (const tag of tags) {
    const lower = tag.trim().toLowerCase();
    if (!lower.startsWith('attack.')) continue;
    const name = lower.slice('attack.'.length).replaceAll('_', '-');
    const rank = TACTIC_RANK.get(name);
    if (rank !== undefined) ranks.add(rank);
    else if (TECHNIQUE_ID.test(name)) for (const tactic of techniqueTactics(name.toUpperCase())) ranks.add(TACTIC_RANK.get(tactic) ?? -1);
  }
  ranks.delete(-1);
  return [...ranks].sort((a, b) => a - b).map((rank) => ATTACK_TACTICS[rank] as AttackTactic);
}

function techniqueTactics(id: string): readonly string[] {
  return TECHNIQUES[id] ?? TECHNIQUES[id.split('.')[0] ?? ''] ?? [];
}
