import { ModifierError, refuseTimePart, type Modifier } from './modifier.js';

/** Values are IPv4 or IPv6 networks in CIDR notation. */
export const cidr: Modifier = {
  name: 'cidr',
  rawValues: true,
  apply(state) {
    if (state.matcher !== 'string') throw new ModifierError(`"cidr" cannot be combined with "${state.matcher}"`);
    refuseTimePart(state, 'cidr');
    state.matcher = 'cidr';
  },
};
