import { ANY_CHARS } from '../sigmaString.js';
import { mapStrings, type Modifier } from './modifier.js';

export const endswith: Modifier = {
  name: 'endswith',
  apply(state) {
    mapStrings(state, 'endswith', (v) => [v.startsWithAny() ? v : v.prepend(ANY_CHARS)]);
  },
};
