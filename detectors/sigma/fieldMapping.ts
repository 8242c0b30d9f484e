import mappings from './field-mappings.json' with { type: 'json' };
import type { Logsource } from './types.js';

/** The event paths to try, in order, for a Sigma field name; the first one present in an event wins. */
export type FieldMapper = (field: string) => readonly string[];

interface MappingSet {
  when: Logsource;
  fields: Record<string, string | string[]>;
}

const SETS = mappings.sets as unknown as MappingSet[];

function applies(set: MappingSet, logsource: Logsource): boolean {
  return (Object.keys(set.when) as (keyof Logsource)[]).every((key) => logsource[key] === set.when[key]);
}

/**
 * The processing step that maps Sigma field names to ECS paths, chosen by the rule's log source
 * (pySigma-style): mapped ECS paths first (the most specific log-source condition first), then for
 * Windows the Winlogbeat `winlog.event_data.` location, then the raw name, so that events that keep
 * raw Windows names (flattened EventData) still match. Rules written in the `ecs` taxonomy use their
 * field names as they are.
 */
export function fieldMapperFor(logsource: Logsource, taxonomy: string): FieldMapper {
  if (taxonomy === 'ecs') return (field) => [field];
  const sets = SETS.filter((set) => applies(set, logsource)).sort((a, b) => Object.keys(b.when).length - Object.keys(a.when).length);
  const windows = logsource.product === 'windows';
  const memo = new Map<string, readonly string[]>();
  return (field) => {
    let paths = memo.get(field);
    if (!paths) {
      const found: string[] = [];
      for (const set of sets) {
        const target = set.fields[field];
        if (target !== undefined) found.push(...(Array.isArray(target) ? target : [target]));
      }
      if (windows && !field.includes('.')) found.push(mappings.windows_event_data_prefix + field);
      found.push(field);
      paths = [...new Set(found)];
      memo.set(field, paths);
    }
    return paths;
  };
}
