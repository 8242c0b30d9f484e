import { ModifierError, requireValuesAsWritten, type Modifier } from './modifier.js';

/** The value names another field of the same event; the item compares both fields. */
export const fieldref: Modifier = {
  name: 'fieldref',
  rawValues: true,
  apply(state) {
    requireValuesAsWritten(state, 'fieldref');
    if (state.keyword) throw new ModifierError('"fieldref" needs a field to compare with the one it names');
    state.matcher = 'fieldref';
  },
};
