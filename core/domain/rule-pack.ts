/**
 * Where a rule comes from. `lagebild` is our own rule set; the others are SigmaHQ's release packages
 * (SigmaHQ's Releases.md and the `release.yml` workflow of SigmaHQ/sigma): Core is the generic rules
 * with status test or stable and level high or critical, Core+ adds level medium, Core++ adds
 * experimental rules; emerging threats and threat hunting are folders of their own.
 */
export const RULE_PACKS = ['lagebild', 'core', 'core+', 'core++', 'emerging-threats', 'threat-hunting'] as const;

export type RulePack = (typeof RULE_PACKS)[number];

/**
 * What a rule's default rests on, for people in their language: Lagebild's own rule, a Core rule for
 * a log source Lagebild receives or one it does not, a pack that is off by default, or the project's
 * tuning (whose own words are the reason).
 */
export const DEFAULT_BASES = ['lagebild', 'received', 'not-received', 'pack-off', 'tuned-on', 'tuned-off'] as const;

export type DefaultBasis = (typeof DEFAULT_BASES)[number];
