import { ModifierError, requireNumbers, type Modifier } from './modifier.js';

/** lt, lte, gt, gte: numeric comparison of the field with the value. */
export function compare(op: 'lt' | 'lte' | 'gt' | 'gte'): Modifier {
  return {
    name: op,
    rawValues: true,
    apply(state) {
      // A time part stays a number to compare; re, cidr, exists, fieldref or another comparison do not.
      if (state.matcher !== 'string') throw new ModifierError(`"${op}" cannot be combined with "${state.compare ?? state.matcher}"`);
      requireNumbers(state, op);
      state.matcher = 'compare';
      state.compare = op;
    },
  };
}
