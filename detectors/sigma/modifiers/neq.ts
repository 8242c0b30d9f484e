import type { Modifier } from './modifier.js';

/** The item holds when the field does not equal (match) any of the values. */
export const neq: Modifier = {
  name: 'neq',
  apply(state) {
    state.negated = true;
  },
};
