import { CASED_ON_RE } from './re.js';
import type { Modifier } from './modifier.js';

export const cased: Modifier = {
  name: 'cased',
  apply(state, context) {
    if (state.matcher === 're') context.warn(CASED_ON_RE);
    state.cased = true;
  },
};
