import mappings from './field-mappings.json' with { type: 'json' };
import type { Logsource } from './types.js';

/** One place in an event where a Sigma field's value may be found. */
export interface FieldCandidate {
  path: string;
  /** The value form (sigma-value-forms.ts) that turns the value stored there into the Sigma value. */
  form?: string;
  /**
   * The ECS field holds this Sigma field only in some events (Winlogbeat fills `user.name` from
   * SubjectUserName or TargetUserName by event id): read only when no other candidate is present.
   */
  standIn?: true;
}

/** The candidates of a Sigma field name, in order of preference. */
export type FieldMapper = (field: string) => readonly FieldCandidate[];

interface MappingSet {
  when: Logsource;
  fields: Record<string, string | string[]>;
  forms?: Record<string, string>;
  stand_in?: string[];
}

const SETS = mappings.sets as unknown as MappingSet[];

function applies(set: MappingSet, logsource: Logsource): boolean {
  return (Object.keys(set.when) as (keyof Logsource)[]).every((key) => logsource[key] === set.when[key]);
}

/**
 * The processing step that maps Sigma field names to event locations, chosen by the rule's log source
 * (pySigma-style): mapped ECS paths first (the most specific log-source condition first), each with
 * the value form its set names, then for Windows the Winlogbeat `winlog.event_data.` location, then
 * the raw name, so that events that keep raw Windows names (flattened EventData) still match. Rules
 * written in the `ecs` taxonomy use their field names as they are.
 */
export function fieldMapperFor(logsource: Logsource, taxonomy: string): FieldMapper {
  if (taxonomy === 'ecs') return (field) => [{ path: field }];
  const sets = SETS.filter((set) => applies(set, logsource)).sort((a, b) => Object.keys(b.when).length - Object.keys(a.when).length);
  const windows = logsource.product === 'windows';
  const memo = new Map<string, readonly FieldCandidate[]>();
  return (field) => {
    let candidates = memo.get(field);
    if (!candidates) {
      const found = new Map<string, FieldCandidate>();
      const add = (candidate: FieldCandidate): void => {
        if (!found.has(candidate.path)) found.set(candidate.path, candidate);
      };
      for (const set of sets) {
        const target = set.fields[field];
        if (target === undefined) continue;
        const form = set.forms?.[field];
        const standIn = set.stand_in?.includes(field);
        for (const path of Array.isArray(target) ? target : [target]) {
          add({ path, ...(form && { form }), ...(standIn && { standIn: true as const }) });
        }
      }
      if (windows && !field.includes('.')) add({ path: mappings.windows_event_data_prefix + field });
      add({ path: field });
      candidates = [...found.values()];
      memo.set(field, candidates);
    }
    return candidates;
  };
}

/** Identifies a field's candidates: rules whose fields read the same candidates share a cache slot and a guard scan. */
export function candidatesKey(candidates: readonly FieldCandidate[]): string {
  return candidates.map((c) => `${c.path}${c.form ? `|${c.form}` : ''}${c.standIn ? '?' : ''}`).join('\u0000');
}
