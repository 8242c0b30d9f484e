import type { RandomSource } from '../../../cli/demo/random-source.js';
import type { BenchOrganisation } from '../constituency.js';
import type { GeneratedLine } from '../generated-line.js';

/** Where and when one intrusion runs; `label` is `<scenario>#<n>`, the ground truth of all its lines. */
export interface IntrusionContext {
  random: RandomSource;
  /** Start of the first stage (event time, epoch ms). */
  start: number;
  label: string;
}

/** A line written by one stage of an intrusion, `offsetMs` after its start. */
export function stageLine(org: BenchOrganisation, context: IntrusionContext, stage: string, offsetMs: number, text: string): GeneratedLine {
  return { time: context.start + offsetMs, text, organizationId: org.organisation.id, label: context.label, stage };
}

/** An address of a hosting provider on the internet, as attackers rent them (never in the IOC lists). */
export function attackerAddress(random: RandomSource): string {
  return `185.${random.int(100, 230)}.${random.int(0, 255)}.${random.int(1, 254)}`;
}
