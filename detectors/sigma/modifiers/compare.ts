import { SigmaString } from '../sigmaString.js';
import { ModifierError, type Modifier } from './modifier.js';

/** lt, lte, gt, gte: numeric comparison of the field with the value. */
export function compare(op: 'lt' | 'lte' | 'gt' | 'gte'): Modifier {
  return {
    name: op,
    rawValues: true,
    apply(state) {
      for (const value of state.values.flat()) {
        const text = value instanceof SigmaString ? value.plain() : undefined;
        if (text === undefined || text.trim() === '' || !Number.isFinite(Number(text))) throw new ModifierError(`"${op}" needs a number`);
      }
      state.matcher = 'compare';
      state.compare = op;
    },
  };
}
