import type { BenchOrganisation } from '../constituency.js';
import type { GeneratedLine } from '../generated-line.js';
import type { IntrusionContext } from './intrusion-stage.js';
import { LINUX_INTRUSION_STAGES, linuxIntrusion } from './linux-intrusion.js';
import { RANSOMWARE_INTRUSION_STAGES, ransomwareIntrusion } from './ransomware-intrusion.js';
import { WINDOWS_INTRUSION_STAGES, windowsIntrusion } from './windows-intrusion.js';

/** The multi-stage intrusions of issue 17, each with the stages its lines are labelled with. */
export const INTRUSIONS = {
  'linux-intrusion': { stages: LINUX_INTRUSION_STAGES, make: linuxIntrusion },
  'windows-phishing-to-domain-admin': { stages: WINDOWS_INTRUSION_STAGES, make: windowsIntrusion },
  'ransomware-intrusion': { stages: RANSOMWARE_INTRUSION_STAGES, make: ransomwareIntrusion },
} as const satisfies Record<string, { stages: readonly string[]; make: (org: BenchOrganisation, context: IntrusionContext) => GeneratedLine[] }>;

export type IntrusionName = keyof typeof INTRUSIONS;

export interface IntrusionInstance {
  scenario: IntrusionName;
  label: string;
  organizationIds: string[];
  stages: readonly string[];
}
