import type { EcsEvent } from '../../core/domain/ecs.js';
import { firstValue } from './field-values.js';
import { fieldMapperFor } from './field-mapping.js';
import type { Logsource } from './types.js';

/**
 * A reader of one Sigma field as a rule of `logsource` and `taxonomy` sees it: the value of the first
 * candidate present, turned back into the Sigma form where an ingest pipeline transformed it
 * (`IpAddress` from Winlogbeat's `source.ip`, `LogonType` 10 from `RemoteInteractive`), or undefined.
 * For parts of the engine that need a field's value rather than a match, such as correlation
 * group-by and value fields; build it once per rule and field, not per event.
 */
export function sigmaFieldReader(logsource: Logsource, taxonomy: string, field: string): (event: EcsEvent) => unknown {
  return firstValue(fieldMapperFor(logsource, taxonomy)(field));
}
