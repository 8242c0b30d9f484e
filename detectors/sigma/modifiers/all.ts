import type { Modifier } from './modifier.js';

/** Links the values with AND instead of OR. */
export const all: Modifier = {
  name: 'all',
  apply(state) {
    state.linking = 'and';
  },
};
