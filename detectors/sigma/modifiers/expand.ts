import { SigmaString } from '../sigmaString.js';
import { mapStrings, type Modifier } from './modifier.js';

/**
 * Replaces `%name%` by each value of the placeholder (values may use wildcards). An unknown
 * placeholder leaves the value with no alternatives, so it never matches, and is reported as a warning.
 */
export const expand: Modifier = {
  name: 'expand',
  apply(state, context) {
    mapStrings(state, 'expand', (v) =>
      v.expand((name) => {
        const values = context.placeholders[name];
        if (values === undefined) {
          context.warn(`placeholder %${name}% has no values; the value never matches`);
          return [];
        }
        return values.map((value) => SigmaString.parse(value));
      }),
    );
  },
};
