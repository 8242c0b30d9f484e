import { ModifierError, refuseTimePart, type Modifier } from './modifier.js';

/** The value names another field of the same event; the item compares both fields. */
export const fieldref: Modifier = {
  name: 'fieldref',
  rawValues: true,
  apply(state) {
    if (state.matcher !== 'string') throw new ModifierError(`"fieldref" cannot be combined with "${state.matcher}"`);
    refuseTimePart(state, 'fieldref');
    state.matcher = 'fieldref';
  },
};
