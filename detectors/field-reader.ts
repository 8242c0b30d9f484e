/** Reads one field of an event (or of any value: a non-object has no fields). */
export type FieldReader = (value: unknown) => unknown;

const readers = new Map<string, FieldReader>();

/**
 * `getField(event, path)` with the path taken apart once: the same lookup (the whole path as one
 * key first, then every split point into a nested object, in order) without cutting substrings on
 * every call. getField was the hottest function of a detection run, mostly for the IOC fields that
 * an event does not have. Readers are kept per path; the paths are the fixed fields of the rules.
 */
export function fieldReader(path: string): FieldReader {
  let reader = readers.get(path);
  if (reader === undefined) {
    reader = compile(path);
    readers.set(path, reader);
  }
  return reader;
}

function compile(path: string): FieldReader {
  const heads: string[] = [];
  const rests: FieldReader[] = [];
  for (let dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) {
    heads.push(path.slice(0, dot));
    rests.push(fieldReader(path.slice(dot + 1)));
  }
  // One property load per step instead of `in` plus a load: events come from JSON, where a present
  // key never holds undefined.
  return (event) => {
    if (event === null || typeof event !== 'object') return undefined;
    const record = event as Record<string, unknown>;
    const whole = record[path];
    if (whole !== undefined) return whole;
    for (let i = 0; i < heads.length; i += 1) {
      const inner = record[heads[i]!];
      if (inner !== undefined) {
        const found = rests[i]!(inner);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
}
