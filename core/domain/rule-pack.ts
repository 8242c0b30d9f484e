/**
 * Where a rule comes from. `lagebild` is our own rule set; the others are SigmaHQ's release packages
 * (SigmaHQ's Releases.md and the `release.yml` workflow of SigmaHQ/sigma): Core is the generic rules
 * with status test or stable and level high or critical, Core+ adds level medium, Core++ adds
 * experimental rules; emerging threats and threat hunting are folders of their own.
 */
export const RULE_PACKS = ['lagebild', 'core', 'core+', 'core++', 'emerging-threats', 'threat-hunting'] as const;

export type RulePack = (typeof RULE_PACKS)[number];
