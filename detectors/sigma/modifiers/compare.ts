import { requireNumbers, type Modifier } from './modifier.js';

/** lt, lte, gt, gte: numeric comparison of the field with the value. */
export function compare(op: 'lt' | 'lte' | 'gt' | 'gte'): Modifier {
  return {
    name: op,
    rawValues: true,
    apply(state) {
      requireNumbers(state, op);
      state.matcher = 'compare';
      state.compare = op;
    },
  };
}
