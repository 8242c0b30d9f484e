/** A Sigma string value: literal text with `*` / `?` wildcards and, under `expand`, `%placeholders%`. */
export const ANY_CHARS = Symbol('*');
export const ONE_CHAR = Symbol('?');

export interface Placeholder {
  placeholder: string;
}

export type SigmaToken = string | typeof ANY_CHARS | typeof ONE_CHAR | Placeholder;

export class SigmaString {
  constructor(readonly tokens: readonly SigmaToken[]) {}

  /**
   * Parses the escaping of the rules specification: `\*` `\?` are literal wildcards, `\\` is one
   * backslash, any other backslash is literal. With `placeholders`, `%name%` becomes a placeholder
   * and `\%` a literal percent sign.
   */
  static parse(raw: string, placeholders = false): SigmaString {
    const tokens: SigmaToken[] = [];
    let literal = '';
    const flush = (): void => {
      if (literal) tokens.push(literal);
      literal = '';
    };
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i]!;
      const next = raw[i + 1];
      if (ch === '\\' && (next === '*' || next === '?' || next === '\\' || (placeholders && next === '%'))) {
        literal += next;
        i++;
      } else if (ch === '*') {
        flush();
        tokens.push(ANY_CHARS);
      } else if (ch === '?') {
        flush();
        tokens.push(ONE_CHAR);
      } else if (placeholders && ch === '%') {
        const end = raw.indexOf('%', i + 1);
        if (end < 0) {
          literal += ch;
          continue;
        }
        flush();
        tokens.push({ placeholder: raw.slice(i + 1, end) });
        i = end;
      } else {
        literal += ch;
      }
    }
    flush();
    return new SigmaString(tokens);
  }

  static literal(text: string): SigmaString {
    return new SigmaString(text ? [text] : []);
  }

  /** The literal text, or undefined when the string has wildcards or placeholders. */
  plain(): string | undefined {
    let out = '';
    for (const t of this.tokens) {
      if (typeof t !== 'string') return undefined;
      out += t;
    }
    return out;
  }

  /** Rewrites each literal run and keeps wildcards and placeholders in place. */
  mapLiterals(fn: (text: string) => string): SigmaString {
    return new SigmaString(this.tokens.map((t) => (typeof t === 'string' ? fn(t) : t)));
  }

  mapTokenAt(index: number, text: string): SigmaString {
    return new SigmaString(this.tokens.map((t, i) => (i === index ? text : t)));
  }

  startsWithAny(): boolean {
    return this.tokens[0] === ANY_CHARS;
  }

  endsWithAny(): boolean {
    return this.tokens[this.tokens.length - 1] === ANY_CHARS;
  }

  prepend(token: SigmaToken): SigmaString {
    return new SigmaString([token, ...this.tokens]);
  }

  append(token: SigmaToken): SigmaString {
    return new SigmaString([...this.tokens, token]);
  }

  placeholders(): string[] {
    return this.tokens.filter((t): t is Placeholder => typeof t === 'object').map((t) => t.placeholder);
  }

  /** Replaces every placeholder by each of its values (a product when several placeholders occur). */
  expand(values: (name: string) => SigmaString[]): SigmaString[] {
    let results: SigmaToken[][] = [[]];
    for (const t of this.tokens) {
      if (typeof t === 'object') {
        const options = values(t.placeholder);
        results = results.flatMap((prefix) => options.map((o) => [...prefix, ...o.tokens]));
      } else {
        for (const r of results) r.push(t);
      }
    }
    return results.map((r) => new SigmaString(r));
  }

  toString(): string {
    return this.tokens
      .map((t) => (t === ANY_CHARS ? '*' : t === ONE_CHAR ? '?' : typeof t === 'object' ? `%${t.placeholder}%` : t.replace(/[*?\\]/g, '\\$&')))
      .join('');
  }
}
