import { LEVEL_ORDER, type RuleLevel } from './alert.js';
import { ATTACK_TACTICS, tacticRank } from './attack-tactic.js';
import type { IncidentRisk, RiskReason } from './incident.js';

export interface StoryFacts {
  /** The highest level of any rule that fired in the story. */
  maxLevel: RuleLevel;
  /** ATT&CK tactic short names the story's alerts cover; unknown names and repeats are ignored. */
  tactics: readonly string[];
  hosts: number;
  accounts: number;
  organisationCritical: boolean;
  alertCount: number;
}

/*
 * Scoring (docs/correlation-and-ioc.md, "Story risk"). The score is a sum of parts, capped at 100:
 *
 *   rule level      informational 0, low 15, medium 35, high 60, critical 80 — the lower bound of
 *                   that level's score band, so a story is never scored below its worst alert
 *   tactic chain    8 per distinct tactic after the first, at most 40 (six tactics)
 *   chain reach     up to 20, in proportion to how far along the kill chain the furthest tactic is
 *                   (reconnaissance 0 … impact 20): a story that reached command-and-control or
 *                   impact is further along than one that stopped at discovery
 *   hosts           5 per host after the first, at most 15
 *   accounts        5 per account after the first, at most 10
 *   organisation    15 when the organisation is flagged critical (KRITIS, core administration)
 *   alerts          5 from ten alerts on: a sustained story, not a single hit
 *
 * Bands: 80+ critical, 60+ high, 35+ medium, 15+ low, below that informational. The severity is the
 * higher of the band and the worst rule level. Every part only grows with its input, so adding a tactic,
 * host or account never lowers the score. A six-tactic chain from reconnaissance to command-and-control
 * of medium alerts scores 35 + 40 + 17 = 92: critical, as an analyst would rate it.
 */
const LEVEL_POINTS: Readonly<Record<RuleLevel, number>> = { informational: 0, low: 15, medium: 35, high: 60, critical: 80 };
const POINTS_PER_EXTRA_TACTIC = 8;
const MAX_CHAIN_POINTS = 40;
const MAX_REACH_POINTS = 20;
const POINTS_PER_EXTRA_HOST = 5;
const MAX_HOST_POINTS = 15;
const POINTS_PER_EXTRA_ACCOUNT = 5;
const MAX_ACCOUNT_POINTS = 10;
const CRITICAL_ORGANISATION_POINTS = 15;
const SUSTAINED_ALERTS = 10;
const SUSTAINED_POINTS = 5;

const LAST_RANK = ATTACK_TACTICS.length - 1;

/** Rates one story (all alerts of an organisation sharing entities): how bad, how sure, and why. */
export function assessStory(input: StoryFacts): IncidentRisk {
  const parts: { points: number; reason: RiskReason }[] = [{ points: LEVEL_POINTS[input.maxLevel], reason: { code: 'max_rule_level', params: { level: input.maxLevel } } }];

  const ranks = [...new Set(input.tactics.map((tactic) => tacticRank(tactic)).filter((rank): rank is number => rank !== undefined))].sort((a, b) => a - b);
  const last = ranks.at(-1);
  if (last !== undefined) {
    const chain = Math.min(MAX_CHAIN_POINTS, (ranks.length - 1) * POINTS_PER_EXTRA_TACTIC);
    const reach = Math.round((last / LAST_RANK) * MAX_REACH_POINTS);
    const lastTactic = ATTACK_TACTICS[last] ?? '';
    parts.push({
      points: chain + reach,
      reason: ranks.length > 1 ? { code: 'tactics_chain', params: { count: ranks.length, last: lastTactic } } : { code: 'attack_tactic', params: { tactic: lastTactic } },
    });
  }
  if (input.hosts > 1) parts.push({ points: Math.min(MAX_HOST_POINTS, (input.hosts - 1) * POINTS_PER_EXTRA_HOST), reason: { code: 'many_hosts', params: { count: input.hosts } } });
  if (input.accounts > 1) parts.push({ points: Math.min(MAX_ACCOUNT_POINTS, (input.accounts - 1) * POINTS_PER_EXTRA_ACCOUNT), reason: { code: 'many_accounts', params: { count: input.accounts } } });
  if (input.organisationCritical) parts.push({ points: CRITICAL_ORGANISATION_POINTS, reason: { code: 'critical_organisation' } });
  if (input.alertCount >= SUSTAINED_ALERTS) parts.push({ points: SUSTAINED_POINTS, reason: { code: 'many_alerts', params: { count: input.alertCount } } });

  const score = Math.min(100, parts.reduce((sum, part) => sum + part.points, 0));
  const severity = higher(bandOf(score), input.maxLevel);
  // A stable sort keeps equal shares in the order above, so the list reads the same on every call.
  const reasons = parts.filter((part) => part.points > 0 || part.reason.code === 'max_rule_level').sort((a, b) => b.points - a.points).map((part) => part.reason);
  return { score, severity, reasons };
}

function bandOf(score: number): RuleLevel {
  let band: RuleLevel = 'informational';
  for (const level of LEVEL_ORDER) if (score >= LEVEL_POINTS[level]) band = level;
  return band;
}

export function higher(a: RuleLevel, b: RuleLevel): RuleLevel {
  return LEVEL_ORDER.indexOf(a) >= LEVEL_ORDER.indexOf(b) ? a : b;
}
