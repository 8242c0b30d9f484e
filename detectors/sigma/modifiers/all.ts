import { ModifierError, type Modifier } from './modifier.js';

/** Links the values with AND instead of OR. */
export const all: Modifier = {
  name: 'all',
  apply(state) {
    // The modifiers appendix: "Single item values are not allowed to have an all modifier".
    if (state.values.length < 2) throw new ModifierError('"all" needs a list of two or more values');
    state.linking = 'and';
  },
};
