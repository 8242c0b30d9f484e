import type { EcsEvent } from '../../core/domain/ecs.js';
import type { RuleLevel } from '../../core/domain/alert.js';

/** Where a rule's events come from, as the Sigma `logsource` block names it. */
export interface Logsource {
  product?: string;
  category?: string;
  service?: string;
}

/** What a compiled rule says about itself; alerts and incidents copy from it. */
export interface SigmaRuleMeta {
  id: string;
  name?: string;
  title: string;
  level: RuleLevel;
  status?: string;
  author?: string;
  description?: string;
  references: string[];
  tags: string[];
  logsource: Logsource;
  falsepositives: string[];
  file: string;
}

/** A Sigma detection rule ready to test events: `match` is a precompiled closure. */
export interface CompiledSigmaRule extends SigmaRuleMeta {
  /** The rule's field-name taxonomy (`sigma` or `ecs`): with `logsource`, what `sigmaFieldReader` needs to read its fields. */
  taxonomy: string;
  match(event: EcsEvent): boolean;
}

/** One thing wrong with a rule file, with where it is (1-based line and column). */
export interface RuleProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
  /** The text hit a limit of the parser (an alias bomb, nesting, size): an upload is then refused as a whole. */
  limit?: true;
}

/** A Sigma correlation document, handed over unparsed so the correlation engine compiles it. */
export interface RawCorrelationDoc {
  file: string;
  line: number;
  doc: Record<string, unknown>;
}
