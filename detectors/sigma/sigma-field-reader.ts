import type { FieldReader } from '../field-reader.js';
import { fieldMapperFor } from './fieldMapping.js';
import { firstPresent } from './pathAccessor.js';
import type { Logsource } from './types.js';

/** Reads a Sigma field from an event as a rule of this log source and taxonomy sees it: the first candidate path present. */
export function sigmaFieldReader(logsource: Logsource, taxonomy: string, field: string): FieldReader {
  const read = firstPresent(fieldMapperFor(logsource, taxonomy)(field));
  return (event) => (event !== null && typeof event === 'object' ? read(event) : undefined);
}
