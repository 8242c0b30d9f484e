/** A field of one event as matchers see it: scalars as text, arrays element by element. */
export interface FieldView {
  present: boolean;
  raw: unknown;
  texts: string[];
  /** `texts` lowercased, for the case-insensitive default. */
  lower: string[];
}

const NO_TEXTS: string[] = [];
export const ABSENT: FieldView = { present: false, raw: undefined, texts: NO_TEXTS, lower: NO_TEXTS };

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

export function fieldView(raw: unknown): FieldView {
  if (raw === undefined) return ABSENT;
  if (!Array.isArray(raw)) {
    // The common case, a single scalar, without growing arrays or a mapping closure.
    const text = scalarText(raw);
    return text === undefined ? { present: true, raw, texts: [], lower: [] } : { present: true, raw, texts: [text], lower: [text.toLowerCase()] };
  }
  const texts: string[] = [];
  const lower: string[] = [];
  for (const element of raw) {
    const text = scalarText(element);
    if (text === undefined) continue;
    texts.push(text);
    lower.push(text.toLowerCase());
  }
  return { present: true, raw, texts, lower };
}
