import { requireValuesAsWritten, type Modifier } from './modifier.js';

/** Values are IPv4 or IPv6 networks in CIDR notation. */
export const cidr: Modifier = {
  name: 'cidr',
  rawValues: true,
  apply(state) {
    requireValuesAsWritten(state, 'cidr');
    state.matcher = 'cidr';
  },
};
