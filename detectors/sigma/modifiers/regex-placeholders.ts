import { ANY_CHARS, ONE_CHAR, SigmaString } from '../sigma-string.js';

/** A placeholder in a regular expression; `\%` stays a percent sign. */
const PLACEHOLDER = /(?<!\\)%(\w+)%/g;

/** A character class that matches nothing: RE2 has no `(?!)`, and an empty group would match everywhere. */
const NOTHING = '[^\\s\\S]';

/** A placeholder value as a regular expression: its text literal, its wildcards `*` and `?` as `.*` and `.`. */
function valuePattern(value: string): string {
  return SigmaString.parse(value)
    .tokens.map((token) => (token === ANY_CHARS ? '.*' : token === ONE_CHAR ? '.' : typeof token === 'string' ? token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : ''))
    .join('');
}

/**
 * `re|expand`: each placeholder of the regular expression becomes a group of its values, which
 * are Sigma strings (wildcards allowed) like the values of a plain `expand`. Undefined when a
 * placeholder has no values, so that the caller drops the value as a plain `expand` does.
 */
export function expandRegex(source: string, valuesOf: (name: string) => readonly string[] | undefined): string | undefined {
  let missing = false;
  const expanded = source.replace(PLACEHOLDER, (_, name: string) => {
    const values = valuesOf(name);
    if (values === undefined) missing = true;
    return values === undefined || values.length === 0 ? NOTHING : `(?:${values.map(valuePattern).join('|')})`;
  });
  return missing ? undefined : expanded;
}
