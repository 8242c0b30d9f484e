import { BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, COMMA, OPEN_ARRAY, OPEN_OBJECT, QUOTE } from '../json-char-codes.js';

/**
 * Limits on JSON events, checked on the text before it is parsed. JSON itself has none, and every
 * later stage walks events recursively (serialising for the bus, expanding dotted keys, mapping
 * fields): a line nested thousands of levels deep, or one key of thousands of dots, would overflow
 * the stack there. ECS documents, Winlogbeat and NXLog records stay far below these bounds (about 6
 * levels and a few hundred fields); Elasticsearch refuses more than 1,000 fields per index anyway.
 */
export const JSON_EVENT_LIMITS = {
  /** Nesting of objects and arrays, each dot of a dotted key counting as one level. */
  maxDepth: 32,
  /** Keys in the whole document, nested ones included. */
  maxKeys: 1_000,
  /** Characters of one key as written (escapes counted as written). */
  maxKeyLength: 256,
} as const;

const DOT = 0x2e;

/**
 * Why the JSON text exceeds a limit, or undefined when it does not. One pass over the characters,
 * no allocation: cheap next to JSON.parse. Text that is not valid JSON may pass; JSON.parse judges that.
 */
export function exceededJsonLimit(text: string, limits = JSON_EVENT_LIMITS): string | undefined {
  // One bit per level: 1 = object (the next string after `{` or `,` is a key), 0 = array.
  const containers: number[] = [];
  let depth = 0;
  let keys = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const start = i;
      let dots = 0;
      for (i += 1; i < text.length; i += 1) {
        const inner = text.charCodeAt(i);
        if (inner === BACKSLASH) i += 1;
        else if (inner === QUOTE) break;
        else if (inner === DOT) dots += 1;
      }
      if (!expectKey) continue;
      expectKey = false;
      keys += 1;
      if (keys > limits.maxKeys) return `JSON event has more than ${limits.maxKeys} keys`;
      if (i - start - 1 > limits.maxKeyLength) return `JSON event has a key longer than ${limits.maxKeyLength} characters`;
      if (depth + dots > limits.maxDepth) return `JSON event is nested deeper than ${limits.maxDepth} levels (dotted keys count per dot)`;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      depth += 1;
      if (depth > limits.maxDepth) return `JSON event is nested deeper than ${limits.maxDepth} levels (dotted keys count per dot)`;
      containers.push(code === OPEN_OBJECT ? 1 : 0);
      expectKey = code === OPEN_OBJECT;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth -= 1;
      containers.pop();
      expectKey = false;
    } else if (code === COMMA) {
      expectKey = containers[containers.length - 1] === 1;
    }
  }
  return undefined;
}
