import { SigmaString } from '../sigma-string.js';
import { mapStrings, plainText, type ItemState, type Modifier } from './modifier.js';

export function valueBytes(state: ItemState, text: string): Buffer {
  return Buffer.from(text, state.binary ? 'latin1' : 'utf8');
}

export const base64: Modifier = {
  name: 'base64',
  apply(state) {
    mapStrings(state, 'base64', (v) => [SigmaString.literal(valueBytes(state, plainText(v, 'base64')).toString('base64'))]);
    state.binary = false;
  },
};
