/**
 * A field of one event as matchers see it: scalars as text, arrays element by element. The texts and
 * their lowercased copies are made on first use: most fields read for an event only feed the guard
 * scan, which folds case itself, and lowercasing a message costs a copy of it. A single string, the
 * usual field, is tested as it is, without a list around it.
 */
export class FieldView {
  private textList: string[] | undefined;
  private lowerList: string[] | undefined;
  private lowerText: string | undefined;

  constructor(
    readonly present: boolean,
    readonly raw: unknown,
  ) {}

  get texts(): string[] {
    return (this.textList ??= textsOf(this.raw));
  }

  /** `texts` lowercased, for the case-insensitive default. */
  get lower(): string[] {
    return (this.lowerList ??= this.texts.map((text) => text.toLowerCase()));
  }

  /** Whether `test` holds for some text of the field. */
  someText(test: (text: string) => boolean): boolean {
    if (typeof this.raw === 'string') return test(this.raw);
    const texts = this.texts;
    for (let i = 0; i < texts.length; i++) if (test(texts[i]!)) return true;
    return false;
  }

  /** Whether `test` holds for some lowercased text of the field. */
  someLower(test: (text: string) => boolean): boolean {
    if (typeof this.raw === 'string') return test((this.lowerText ??= this.raw.toLowerCase()));
    const lower = this.lower;
    for (let i = 0; i < lower.length; i++) if (test(lower[i]!)) return true;
    return false;
  }
}

export const ABSENT = new FieldView(false, undefined);

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

function textsOf(raw: unknown): string[] {
  if (!Array.isArray(raw)) {
    const text = scalarText(raw);
    return text === undefined ? [] : [text];
  }
  const texts: string[] = [];
  for (const element of raw) {
    const text = scalarText(element);
    if (text !== undefined) texts.push(text);
  }
  return texts;
}

export function fieldView(raw: unknown): FieldView {
  return raw === undefined ? ABSENT : new FieldView(true, raw);
}

/**
 * Calls `scan` with each text of a raw field value, as `FieldView.texts` would list them, without
 * building the list: the guard scan runs on every event.
 */
export function forEachText(raw: unknown, scan: (text: string) => void): void {
  if (typeof raw === 'string') scan(raw);
  else if (Array.isArray(raw)) {
    for (const element of raw) {
      const text = scalarText(element);
      if (text !== undefined) scan(text);
    }
  } else if (raw !== undefined) {
    const text = scalarText(raw);
    if (text !== undefined) scan(text);
  }
}
