import type { Modifier } from './modifier.js';

export const cased: Modifier = {
  name: 'cased',
  apply(state) {
    state.cased = true;
  },
};
