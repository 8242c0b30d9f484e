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

/** The tactic's place in the kill chain (0 reconnaissance … 13 impact); undefined for a name ATT&CK does not have. */
export function tacticRank(name: string): number | undefined {
  return TACTIC_RANK.get(name);
}

/** Known tactics of both lists, once each, in kill-chain order: how an incident keeps the stages its alerts covered. */
export function unionOfTactics(current: readonly string[], added: readonly string[]): AttackTactic[] {
  const ranks = new Set<number>();
  for (const name of [...current, ...added]) {
    const rank = TACTIC_RANK.get(name);
    if (rank !== undefined) ranks.add(rank);
  }
  return [...ranks].sort((a, b) => a - b).map((rank) => ATTACK_TACTICS[rank]!);
}
