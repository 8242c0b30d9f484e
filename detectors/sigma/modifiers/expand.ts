import { SigmaString } from '../sigma-string.js';
import { mapStrings, type Modifier } from './modifier.js';
import { expandRegex } from './regex-placeholders.js';

/**
 * Replaces `%name%` by each value of the placeholder (values may use wildcards); after `re`, by a
 * group of the values inside the regular expression. An unknown placeholder leaves the value with
 * no alternatives, so it never matches, and is reported as a warning.
 */
export const expand: Modifier = {
  name: 'expand',
  apply(state, context) {
    const valuesOf = (name: string): readonly string[] | undefined => {
      const values = context.placeholders[name];
      if (values === undefined) context.warn(`placeholder %${name}% has no values; the value never matches`);
      return values;
    };
    if (state.matcher === 're') {
      state.values = state.values.map((alternatives) =>
        alternatives.flatMap((value) => {
          const expanded = expandRegex(value instanceof SigmaString ? value.plain() ?? '' : String(value), valuesOf);
          return expanded === undefined ? [] : [SigmaString.literal(expanded)];
        }),
      );
      return;
    }
    mapStrings(state, 'expand', (v) => v.expand((name) => (valuesOf(name) ?? []).map((value) => SigmaString.parse(value))));
  },
};
