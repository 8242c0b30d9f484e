import type { ConditionNode } from './rule-ast.js';
import { ConditionError } from './condition-error.js';

interface Token {
  text: string;
  offset: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them', '1', 'all', '(', ')']);

function tokenize(condition: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(\(|\)|[^\s()]+)/gy;
  let end = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(condition)) !== null) {
    tokens.push({ text: m[1]!, offset: m.index + m[0].length - m[1]!.length });
    end = re.lastIndex;
  }
  const rest = condition.slice(end);
  if (rest.trim() !== '') throw new ConditionError(`unexpected "${rest.trim()}"`, end);
  return tokens;
}

/**
 * Parses a Sigma condition. Precedence from loosest to tightest: or, and, not, `x of`, parentheses.
 * Aggregations after `|` (Sigma 1 style) are rejected: correlation rules replace them.
 */
export function parseCondition(condition: string): ConditionNode {
  const pipe = condition.indexOf('|');
  if (pipe >= 0) throw new ConditionError('aggregation expressions ("| count() ...") are not supported; use a correlation rule', pipe);
  const tokens = tokenize(condition);
  let pos = 0;
  const peek = (): string | undefined => tokens[pos]?.text.toLowerCase();
  const offsetHere = (): number => tokens[pos]?.offset ?? condition.length;

  const parseOr = (): ConditionNode => {
    const children = [parseAnd()];
    while (peek() === 'or') {
      pos++;
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  };
  const parseAnd = (): ConditionNode => {
    const children = [parseNot()];
    while (peek() === 'and') {
      pos++;
      children.push(parseNot());
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  };
  const parseNot = (): ConditionNode => {
    if (peek() === 'not') {
      pos++;
      return { type: 'not', child: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): ConditionNode => {
    const token = tokens[pos];
    if (!token) throw new ConditionError('condition ends too early', condition.length);
    const word = token.text.toLowerCase();
    if (word === '(') {
      pos++;
      const inner = parseOr();
      if (peek() !== ')') throw new ConditionError('missing ")"', offsetHere());
      pos++;
      return inner;
    }
    if ((word === '1' || word === 'all' || word === 'any') && tokens[pos + 1]?.text.toLowerCase() === 'of') {
      pos += 2;
      const target = tokens[pos];
      if (!target || KEYWORDS.has(target.text.toLowerCase()) && target.text.toLowerCase() !== 'them') {
        throw new ConditionError(`"${token.text} of" needs a search identifier pattern or "them"`, target?.offset ?? condition.length);
      }
      pos++;
      const quantifier = word === 'all' ? 'all' : 'one';
      return { type: 'of', quantifier, pattern: target.text.toLowerCase() === 'them' ? null : target.text };
    }
    if (KEYWORDS.has(word)) throw new ConditionError(`unexpected "${token.text}"`, token.offset);
    if (!/^[\w.\-*]+$/.test(token.text)) throw new ConditionError(`invalid search identifier "${token.text}"`, token.offset);
    pos++;
    return { type: 'ref', name: token.text };
  };

  if (tokens.length === 0) throw new ConditionError('condition is empty', 0);
  const tree = parseOr();
  if (pos < tokens.length) throw new ConditionError(`unexpected "${tokens[pos]!.text}"`, tokens[pos]!.offset);
  return tree;
}
