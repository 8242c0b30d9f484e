import { SigmaString } from '../sigma-string.js';
import { valueBytes } from './base64.js';
import { mapStrings, plainText, type Modifier } from './modifier.js';

// A value inside a larger base64 text encodes differently depending on its byte offset modulo 3.
// For each shift, drop the leading characters that depend on the unknown preceding bytes and the
// trailing ones that depend on the following bytes (the scheme pySigma and sigmac use).
const START_CUT = [0, 2, 3];
const END_CUT = [0, 3, 2];

export const base64offset: Modifier = {
  name: 'base64offset',
  apply(state) {
    mapStrings(state, 'base64offset', (v) => {
      const bytes = valueBytes(state, plainText(v, 'base64offset'));
      return [0, 1, 2].map((shift) => {
        const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
        const end = encoded.length - END_CUT[(bytes.length + shift) % 3]!;
        return SigmaString.literal(encoded.slice(START_CUT[shift], end));
      });
    });
    state.binary = false;
  },
};
