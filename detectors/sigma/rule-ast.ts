import type { SigmaRuleMeta } from './types.js';

/** Where in a rule file something was written: a path of keys and indexes into the YAML document. */
export type YamlPath = readonly (string | number)[];

/** A raw value of a detection item as the YAML gave it; numbers keep their source text ("0x17"). */
export type RawValue = { kind: 'string'; text: string } | { kind: 'number'; text: string } | { kind: 'boolean'; value: boolean } | { kind: 'null' };

/** `field|mod1|mod2: values`; field is null for keyword searches. */
export interface DetectionItem {
  type: 'item';
  field: string | null;
  modifiers: string[];
  values: RawValue[];
  path: YamlPath;
}

/** A map of items is AND-linked, a list of maps or values OR-linked. */
export interface DetectionGroup {
  type: 'and' | 'or';
  children: DetectionNode[];
}

export type DetectionNode = DetectionItem | DetectionGroup;

export type ConditionNode =
  | { type: 'and' | 'or'; children: ConditionNode[] }
  | { type: 'not'; child: ConditionNode }
  | { type: 'ref'; name: string }
  | { type: 'of'; quantifier: 'one' | 'all'; /** null for `them` */ pattern: string | null };

/** A detection rule parsed into typed parts, before field mapping and compilation. */
export interface SigmaRule {
  meta: SigmaRuleMeta;
  taxonomy: string;
  searches: Map<string, DetectionNode>;
  /** A list of conditions is OR-linked. */
  conditions: ConditionNode[];
  line: number;
}
