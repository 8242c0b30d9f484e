import { ModifierError, refuseTimePart, type Modifier } from './modifier.js';

/** Values are regular expressions (RE2: linear time), case-sensitive unless `re|i`; matched anywhere in the field. */
export const re: Modifier = {
  name: 're',
  rawValues: true,
  apply(state) {
    if (state.matcher !== 'string') throw new ModifierError(`"re" cannot be combined with "${state.matcher}"`);
    refuseTimePart(state, 're');
    state.matcher = 're';
  },
};
