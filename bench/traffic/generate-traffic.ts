import { avNotRemoved, c2Contact, newAdminAccount, phishingClick, portScan, ransomwareRenames, sprayingCampaign, sshPasswordGuessing, windowsPasswordGuessing, type AttackInstance, type ScenarioName } from './attack-scenarios.js';
import { backgroundLine } from './background-traffic.js';
import { createConstituency, type BenchOrganisation } from './constituency.js';
import type { GeneratedLine } from './generated-line.js';
import { INTRUSIONS, type IntrusionInstance, type IntrusionName } from './intrusions/intrusion-scenarios.js';
import { RandomSource } from '../../cli/demo/random-source.js';

export interface TrafficOptions {
  organisations: number;
  /** Background lines per organisation over the whole span. */
  linesPerOrganisation: number;
  startMs: number;
  durationMs: number;
  /** Instances of each single-organisation scenario and of each intrusion; the spraying campaign runs twice across 12 organisations. */
  attacksPerScenario: number;
  seed: number;
}

export interface Traffic {
  organisations: BenchOrganisation[];
  lines: GeneratedLine[];
  instances: AttackInstance[];
  /** The multi-stage intrusions, each in one organisation. */
  intrusions: IntrusionInstance[];
}

const HOUR = 3_600_000;

/**
 * A day of a synthetic constituency: background traffic of every organisation and, on top, labelled
 * attacks at random times (new admin accounts at night, as DOMAIN.md describes them) and multi-stage
 * intrusions whose lines also name their stage. Lines come back sorted by event time, as a relay would
 * forward them.
 */
export function generateTraffic(options: TrafficOptions): Traffic {
  const random = new RandomSource(options.seed);
  const organisations = createConstituency(options.organisations);
  const lines: GeneratedLine[] = [];
  let sequence = 0;
  for (const org of organisations) {
    for (let i = 0; i < options.linesPerOrganisation; i++) lines.push(backgroundLine(org, options.startMs + Math.floor(random.next() * options.durationMs), random, sequence++));
  }
  const instances: AttackInstance[] = [];
  // Attacks end at least two hours before the span does, so that every window can close.
  const attackTime = (): number => options.startMs + Math.floor(random.next() * Math.max(1, options.durationMs - 2 * HOUR));
  const single: [ScenarioName, (org: BenchOrganisation, context: { random: RandomSource; start: number; label: string }) => GeneratedLine[]][] = [
    ['ssh-password-guessing', sshPasswordGuessing],
    ['windows-password-guessing', windowsPasswordGuessing],
    ['port-scan', portScan],
    ['c2-contact', c2Contact],
    ['av-not-removed', avNotRemoved],
    ['new-admin-account', newAdminAccount],
    ['ransomware-renames', ransomwareRenames],
    ['phishing-click', phishingClick],
  ];
  for (const [scenario, make] of single) {
    for (let n = 0; n < options.attacksPerScenario; n++) {
      const org = random.pick(organisations);
      const label = `${scenario}#${n}`;
      const start = scenario === 'new-admin-account' ? nightTime(options.startMs, options.durationMs, random) : attackTime();
      lines.push(...make(org, { random, start, label }));
      instances.push({ scenario, label, organizationIds: [org.organisation.id] });
    }
  }
  for (let n = 0; n < 2; n++) {
    const targets = pickDistinct(organisations, Math.min(12, organisations.length), random);
    const label = `spraying-campaign#${n}`;
    lines.push(...sprayingCampaign(targets, { random, start: attackTime(), label }));
    instances.push({ scenario: 'spraying-campaign', label, organizationIds: targets.map((org) => org.organisation.id) });
  }
  const intrusions: IntrusionInstance[] = [];
  for (const [scenario, { stages, make }] of Object.entries(INTRUSIONS) as [IntrusionName, (typeof INTRUSIONS)[IntrusionName]][]) {
    for (let n = 0; n < options.attacksPerScenario; n++) {
      const org = random.pick(organisations);
      const label = `${scenario}#${n}`;
      lines.push(...make(org, { random, start: attackTime(), label }));
      intrusions.push({ scenario, label, organizationIds: [org.organisation.id], stages });
    }
  }
  lines.sort((a, b) => a.time - b.time);
  return { organisations, lines, instances, intrusions };
}

/** A time between 21:00 and 22:00 UTC inside the span (the span starts at midnight). */
function nightTime(startMs: number, durationMs: number, random: RandomSource): number {
  const day = Math.floor(startMs / (24 * HOUR)) * 24 * HOUR;
  const time = day + 21 * HOUR + Math.floor(random.next() * 0.9 * HOUR);
  return Math.min(time, startMs + durationMs - 2 * HOUR);
}

function pickDistinct<T>(items: T[], count: number, random: RandomSource): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}
