import type { TimePart } from '../time-of-value.js';
import { ModifierError, requireNumbers, type Modifier } from './modifier.js';

/**
 * minute, hour, day, week, month, year: the item tests that part of the field's date (see
 * timeOfValue) against numbers, equal or, after lt/lte/gt/gte, compared.
 */
export function timePart(part: TimePart): Modifier {
  return {
    name: part,
    rawValues: true,
    apply(state) {
      // Numbers can be tested for equality or compared; another time part, rewritten values
      // (contains, base64, windash...) and re, cidr, exists or fieldref cannot apply to them.
      const other = state.timePart ?? state.rewrittenBy ?? (state.matcher === 'string' || state.matcher === 'compare' ? undefined : state.matcher);
      if (other !== undefined) throw new ModifierError(`"${part}" cannot be combined with "${other}"`);
      requireNumbers(state, part);
      state.timePart = part;
    },
  };
}
