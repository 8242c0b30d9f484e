import { ANY_CHARS } from '../sigma-string.js';
import { mapStrings, type Modifier } from './modifier.js';
import { applyPartialMatch } from './partial-match.js';

export const contains: Modifier = {
  name: 'contains',
  apply(state) {
    if (applyPartialMatch(state, true, true)) return;
    mapStrings(state, 'contains', (v) => {
      let out = v.startsWithAny() ? v : v.prepend(ANY_CHARS);
      out = out.endsWithAny() ? out : out.append(ANY_CHARS);
      return [out];
    });
  },
};
