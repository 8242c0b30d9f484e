/** Reads a counted repetition `{n}`, `{n,}`, `{n,m}` at `at`: its minimum and length, or undefined. */
function countedAt(source: string, at: number): { min: number; length: number } | undefined {
  const counted = /^\{(\d+)(?:,\d*)?\}/.exec(source.slice(at));
  return counted ? { min: Number(counted[1]), length: counted[0].length } : undefined;
}

/**
 * The longest run of literal text that every match of the pattern contains (at least `minLength`
 * characters), or undefined. Only text outside groups and classes counts, and nothing when the
 * pattern has an alternation or inline flags: what is left is certain. Testing it with `includes`
 * first spares most calls into RE2, each of which costs a copy of the text into native memory.
 */
export function requiredLiteral(source: string, minLength = 2): string | undefined {
  if (/\(\?[a-zA-Z]*[imsU-]/.test(source) || source.includes('\\Q')) return undefined;
  let best = '';
  let run = '';
  let depth = 0;
  const end = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      if (next !== '' && !/[0-9A-Za-z]/.test(next)) {
        if (depth === 0) run += next;
        continue;
      }
      // Classes and anchors end a run; other letter escapes (`\x41`, `\pL`) take arguments this scan does not read.
      if (!/[dDwWsSbBAzntrfv]/.test(next)) return undefined;
      end();
      continue;
    }
    if (char === '[') {
      end();
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      for (; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (char === '(') {
      end();
      depth++;
      continue;
    }
    if (char === ')') {
      depth--;
      end();
      continue;
    }
    if (char === '|') {
      if (depth === 0) return undefined;
      continue;
    }
    if (char === '?' || char === '*' || char === '+' || char === '{') {
      const counted = char === '{' ? countedAt(source, i) : undefined;
      if (char === '{' && !counted) return undefined;
      // The repeated character is optional (`?`, `*`, `{0,…}`) or may stand several times: the run ends before or after it.
      const optional = char === '?' || char === '*' || counted?.min === 0;
      if (optional) run = run.slice(0, -1);
      end();
      if (counted) i += counted.length - 1;
      continue;
    }
    if (depth > 0) continue;
    if (char === '.' || char === '^' || char === '$') end();
    else run += char;
  }
  end();
  return best.length >= minLength ? best : undefined;
}
