import { ANY_CHARS, ONE_CHAR, type SigmaToken } from './sigma-string.js';
import type { TextTest } from './text-test.js';

/** The text between two `*`: literal characters, with `?` (any one character) at the marked positions. */
interface Segment {
  text: string;
  anyAt: boolean[] | undefined;
}

function matchesAt(text: string, segment: Segment, at: number): boolean {
  const { anyAt } = segment;
  if (!anyAt) return text.startsWith(segment.text, at);
  if (at + segment.text.length > text.length) return false;
  for (let i = 0; i < segment.text.length; i++) if (!anyAt[i] && text.charCodeAt(at + i) !== segment.text.charCodeAt(i)) return false;
  return true;
}

function find(text: string, segment: Segment, from: number): number {
  if (!segment.anyAt) return text.indexOf(segment.text, from);
  for (let at = from; at + segment.text.length <= text.length; at++) if (matchesAt(text, segment, at)) return at;
  return -1;
}

/**
 * A test for a Sigma string with inner wildcards that needs no regular expression: each piece
 * between `*` is taken at its leftmost place after the one before (which finds a match whenever one
 * exists), the first at the start and the last at the end unless a `*` stands there. Time is
 * bounded by the text's length times the pattern's, whereas a backtracking `a.*b.*c` is cubic and
 * lets a crafted log line stall detection. Tokens are already folded to the case that is matched.
 */
export function compileWildcardTest(tokens: readonly SigmaToken[]): TextTest {
  const segments: Segment[] = [{ text: '', anyAt: undefined }];
  for (const token of tokens) {
    const last = segments[segments.length - 1]!;
    if (token === ANY_CHARS) {
      segments.push({ text: '', anyAt: undefined });
    } else if (token === ONE_CHAR) {
      last.anyAt ??= Array<boolean>(last.text.length).fill(false);
      last.anyAt.push(true);
      last.text += '?';
    } else if (typeof token === 'string') {
      last.anyAt?.push(...Array<boolean>(token.length).fill(false));
      last.text += token;
    }
  }
  const first = segments[0]!;
  const middle = segments.slice(1, -1).filter((segment) => segment.text !== '');
  if (segments.length === 1) return (text) => text.length === first.text.length && matchesAt(text, first, 0);
  const last = segments[segments.length - 1]!;
  return (text) => {
    if (!matchesAt(text, first, 0)) return false;
    let at = first.text.length;
    for (const segment of middle) {
      const found = find(text, segment, at);
      if (found < 0) return false;
      at = found + segment.text.length;
    }
    const end = text.length - last.text.length;
    return end >= at && matchesAt(text, last, end);
  };
}
