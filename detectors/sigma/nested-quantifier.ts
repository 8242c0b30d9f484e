/** A repetition as written after an atom: how often at most (Infinity for `*`, `+`, `{n,}`) and how long its text is. */
interface Quantifier {
  max: number;
  length: number;
}

function quantifierAt(source: string, at: number): Quantifier | undefined {
  const char = source[at];
  let max: number;
  let end = at + 1;
  if (char === '*' || char === '+') max = Infinity;
  else if (char === '?') max = 1;
  else if (char === '{') {
    const counted = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
    if (!counted) return undefined;
    max = counted[2] === undefined ? Number(counted[1]) : counted[3] === '' ? Infinity : Number(counted[3]);
    end = at + counted[0].length;
  } else return undefined;
  // Lazy `?` and possessive `+` change the order of attempts, not how many there are.
  if (source[end] === '?' || source[end] === '+') end++;
  return { max, length: end - at };
}

/** Where a character class that opens at `at` ends (the index after its `]`). */
function classEnd(source: string, at: number): number {
  let i = at + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  for (; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i + 1;
  }
  return source.length;
}

/**
 * The offset of the first group repeated without bound (`*`, `+`, `{n,}`) that itself holds a
 * repetition (`(a+)+`, `(\w*x)*`), or undefined. Lagebild matches such patterns in linear time,
 * but every backtracking engine the same Sigma rule is converted to (PCRE, Java, JavaScript) takes
 * time exponential in the input on them, and an attacker writes the input: lint refuses them.
 */
export function findNestedQuantifier(source: string): number | undefined {
  // Per open group: whether something inside it repeats more than once.
  const groups: boolean[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (char === '(') {
      groups.push(false);
      i++;
      continue;
    }
    if (char === ')') {
      let repeats = groups.pop() ?? false;
      i++;
      const quantifier = quantifierAt(source, i);
      if (quantifier && quantifier.max === Infinity && repeats) return i;
      if (quantifier) {
        repeats ||= quantifier.max > 1;
        i += quantifier.length;
      }
      if (repeats && groups.length > 0) groups[groups.length - 1] = true;
      continue;
    }
    if (char === '[') i = classEnd(source, i);
    else i += char === '\\' ? 2 : 1;
    const quantifier = quantifierAt(source, i);
    if (!quantifier) continue;
    i += quantifier.length;
    if (quantifier.max > 1 && groups.length > 0) groups[groups.length - 1] = true;
  }
  return undefined;
}
