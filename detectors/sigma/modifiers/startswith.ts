import { ANY_CHARS } from '../sigma-string.js';
import { mapStrings, type Modifier } from './modifier.js';
import { applyPartialMatch } from './partial-match.js';

export const startswith: Modifier = {
  name: 'startswith',
  apply(state) {
    if (applyPartialMatch(state, false, true)) return;
    mapStrings(state, 'startswith', (v) => [v.endsWithAny() ? v : v.append(ANY_CHARS)]);
  },
};
