import { ModifierError, requireValuesAsWritten, type Modifier } from './modifier.js';

/** `field|exists: true|false` tests only whether the field is present. */
export const exists: Modifier = {
  name: 'exists',
  apply(state) {
    requireValuesAsWritten(state, 'exists');
    if (state.keyword) throw new ModifierError('"exists" needs a field');
    const flat = state.values.flat();
    if (flat.length !== 1 || typeof flat[0] !== 'boolean') throw new ModifierError('"exists" needs exactly one boolean value');
    state.matcher = 'exists';
  },
};
