import { ANY_CHARS } from '../sigmaString.js';
import { mapStrings, type Modifier } from './modifier.js';

export const startswith: Modifier = {
  name: 'startswith',
  apply(state) {
    mapStrings(state, 'startswith', (v) => [v.endsWithAny() ? v : v.append(ANY_CHARS)]);
  },
};
