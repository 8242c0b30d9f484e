import { ANY_CHARS } from '../sigma-string.js';
import { mapStrings, type Modifier } from './modifier.js';
import { applyPartialMatch } from './partial-match.js';

export const endswith: Modifier = {
  name: 'endswith',
  apply(state) {
    if (applyPartialMatch(state, true, false)) return;
    mapStrings(state, 'endswith', (v) => [v.startsWithAny() ? v : v.prepend(ANY_CHARS)]);
  },
};
