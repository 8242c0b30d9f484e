import RE2 from 're2';
import { ModifierError } from './modifiers/modifier.js';
import { findNestedQuantifier } from './nested-quantifier.js';
import { requiredLiteral } from './required-literal.js';
import type { TextTest } from './text-test.js';

/**
 * Compiles the value of a Sigma `re` item for RE2, which matches in time linear in the field's
 * length whatever the pattern: log lines are written by whoever can reach a collector, and a
 * backtracking engine lets one crafted line stall detection for seconds or hours. RE2 has no
 * backreferences and no lookaround (Sigma's `re` dialect has neither) and reads PCRE inline flags
 * such as `(?i)` anywhere in the pattern. What it cannot run is a rule error, never a fallback.
 */
export function compileLinearRegex(source: string, flags: string): TextTest {
  const nested = findNestedQuantifier(source);
  if (nested !== undefined) {
    throw new ModifierError(`regular expression /${source}/ repeats a repetition (at offset ${nested}): backtracking engines take exponential time on it; write it without the inner or the outer repeat (\`(.*x)+\` finds what \`.*x\` finds)`);
  }
  let regex: RE2;
  try {
    regex = new RE2(source, flags);
  } catch (err) {
    throw new ModifierError(`invalid regular expression /${source}/: ${(err as Error).message} (Lagebild matches with RE2, in linear time: no backreferences, no lookaround)`);
  }
  const literal = flags.includes('i') ? undefined : requiredLiteral(source);
  if (literal !== undefined) return (text) => text.includes(literal) && regex.test(text);
  return (text) => regex.test(text);
}
