export type Accessor = (event: object) => unknown;

/**
 * A precompiled reader for a dotted path. It walks nested objects and, where a level is missing,
 * tries the rest of the path as one flattened key at that level ("process.executable" at the top,
 * or "event_data.Image" inside `winlog`), without allocating.
 */
export function pathAccessor(path: string): Accessor {
  if (!path.includes('.')) return (event) => (event as Record<string, unknown>)[path];
  const parts = path.split('.');
  const rests = parts.map((_, i) => parts.slice(i).join('.'));
  return (event) => {
    let node = event as Record<string, unknown>;
    for (let i = 0; i < parts.length; i++) {
      const next = node[parts[i]!];
      if (next === undefined) return i < parts.length - 1 ? node[rests[i]!] : undefined;
      if (i === parts.length - 1) return next;
      if (next === null || typeof next !== 'object') return undefined;
      node = next as Record<string, unknown>;
    }
    return undefined;
  };
}
