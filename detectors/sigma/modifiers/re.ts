import { requireValuesAsWritten, type Modifier } from './modifier.js';

/** Values are regular expressions (RE2: linear time), case-sensitive unless `re|i`; matched anywhere in the field. */
export const re: Modifier = {
  name: 're',
  rawValues: true,
  apply(state, context) {
    requireValuesAsWritten(state, 're');
    if (state.cased) context.warn(CASED_ON_RE);
    state.matcher = 're';
  },
};

/** The specification makes regular expressions case-sensitive already; pySigma refuses the combination. */
export const CASED_ON_RE = '"cased" has no effect on "re": regular expressions are case-sensitive unless "i" follows "re"';
