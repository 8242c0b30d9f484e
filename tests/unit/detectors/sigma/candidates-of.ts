import type { EcsEvent } from '../../../../core/domain/ecs.js';
import type { RuleIndex } from '../../../../detectors/sigma/rule-index.js';
import type { CompiledSigmaRule } from '../../../../detectors/sigma/types.js';

/** The candidates of one event as a fresh array (the index writes them into a buffer it is given). */
export function candidatesOf(index: RuleIndex, event: EcsEvent): CompiledSigmaRule[] {
  const into: CompiledSigmaRule[] = [];
  return into.slice(0, index.candidates(event, into));
}
