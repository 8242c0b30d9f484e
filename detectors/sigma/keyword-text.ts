import type { Accessor } from './path-accessor.js';

const MESSAGE_PATHS = [['message'], ['event', 'original'], ['log', 'original']];

function collectStrings(node: unknown, out: string[], depth: number): void {
  if (typeof node === 'string') out.push(node);
  else if (depth > 0 && node !== null && typeof node === 'object') {
    for (const value of Object.values(node)) collectStrings(value, out, depth - 1);
  }
}

/**
 * What keyword searches look in: the event's message (`message`, `event.original`, `log.original`)
 * when it has one, otherwise every string value of the event, as for a flattened Windows event.
 */
export const keywordText: Accessor = (event) => {
  const found: string[] = [];
  for (const path of MESSAGE_PATHS) {
    let node: unknown = event;
    for (const part of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    if (typeof node === 'string') found.push(node);
  }
  if (found.length === 0) collectStrings(event, found, 8);
  return found;
};
