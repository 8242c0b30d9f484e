let lowerCodes: Uint16Array | undefined;

/**
 * The lowercase of each UTF-16 code unit as `toLowerCase` gives it where that is one code unit. İ
 * lowercases to "i" plus a combining dot: it folds to "i", so a needle matching the "i" is not missed
 * (needles with the combining dot get no guard, see rule-guard.ts).
 */
function lowerOfCodes(): Uint16Array {
  if (lowerCodes) return lowerCodes;
  lowerCodes = new Uint16Array(65536);
  for (let code = 0; code < 65536; code++) {
    const lower = String.fromCharCode(code).toLowerCase();
    lowerCodes[code] = lower.length === 1 ? lower.charCodeAt(0) : lower.charCodeAt(0) === 0x69 ? 0x69 : code;
  }
  return lowerCodes;
}

/**
 * Aho–Corasick automaton over many lowercase needles: one pass over a text reports every needle it
 * contains, ignoring case. Transitions are a dense table over the characters that occur in needles,
 * and an uppercase character shares the column of its lowercase, so texts are scanned as they are,
 * without a lowercased copy; every other character leads back to the start state.
 */
class DenseAutomaton {
  /** Column of each character code up to the highest one that has a column of its own; higher codes have none. */
  private readonly classOf: Uint16Array;
  private readonly width: number;
  private readonly next: Int32Array;
  private readonly outputs: (number[] | undefined)[];

  /** `ids[i]` is what `scan` reports for `needles[i]`. */
  constructor(needles: readonly string[], private readonly ids: readonly number[]) {
    this.classOf = columnsOf(needles);
    const classOf = this.classOf;
    let width = 0;
    for (let code = 0; code < classOf.length; code++) width = Math.max(width, classOf[code]! + 1);
    this.width = width;
    // The trie, written straight into the table, which grows by doubling: hash needles give hundreds
    // of thousands of states, too many for an array each. 0 marks a missing edge, as no edge of the
    // trie leads back to the start state.
    let next = new Int32Array(Math.min(1024, 1 + needles.reduce((sum, needle) => sum + needle.length, 0)) * width);
    const outputs: (number[] | undefined)[] = [undefined];
    let states = 1;
    needles.forEach((needle, id) => {
      let state = 0;
      for (let i = 0; i < needle.length; i++) {
        const edge = state * width + classOf[needle.charCodeAt(i)]!;
        let to = next[edge]!;
        if (to === 0) {
          to = states++;
          if (states * width > next.length) {
            const grown = new Int32Array(next.length * 2);
            grown.set(next);
            next = grown;
          }
          outputs.push(undefined);
          next[edge] = to;
        }
        state = to;
      }
      (outputs[state] ??= []).push(id);
    });
    if (next.length > states * width * 1.25) next = next.slice(0, states * width);
    // Breadth-first: complete the transitions through failure links and inherit their outputs. A
    // state's failure state is shallower, so its row is complete when the state is reached.
    const fail = new Int32Array(states);
    const queue = new Int32Array(states);
    let tail = 0;
    for (let c = 0; c < width; c++) {
      const to = next[c]!;
      if (to !== 0) queue[tail++] = to;
    }
    for (let head = 0; head < tail; head++) {
      const state = queue[head]!;
      const inherited = outputs[fail[state]!];
      if (inherited) outputs[state] = [...(outputs[state] ?? []), ...inherited];
      const row = state * width;
      const failRow = fail[state]! * width;
      for (let c = 0; c < width; c++) {
        const to = next[row + c]!;
        if (to === 0) next[row + c] = next[failRow + c]!;
        else {
          fail[to] = next[failRow + c]!;
          queue[tail++] = to;
        }
      }
    }
    this.next = next;
    this.outputs = outputs;
  }

  scan(text: string, found: (id: number) => void): void {
    const { classOf, next, width, outputs, ids } = this;
    const mapped = classOf.length;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      state = next[state * width + (code < mapped ? classOf[code]! : 0)]!;
      const out = outputs[state];
      if (out !== undefined) for (let k = 0; k < out.length; k++) found(ids[out[k]!]!);
    }
  }
}

/**
 * A column (from 1) for each character of the needles, and the same column for every character that
 * lowercases to it; 0 for the rest. Sized to the highest mapped code, so that an automaton of ASCII
 * needles keeps a few kilobytes rather than a table of all 65,536 codes.
 */
function columnsOf(needles: readonly string[]): Uint16Array {
  const columns = new Map<number, number>();
  for (const needle of needles) for (let i = 0; i < needle.length; i++) {
    const code = needle.charCodeAt(i);
    if (!columns.has(code)) columns.set(code, columns.size + 1);
  }
  const folding = foldingCodes();
  const mapped: [number, number][] = [];
  for (const [code, column] of columns) {
    mapped.push([code, column]);
    for (const variant of folding.get(code) ?? []) if (!columns.has(variant)) mapped.push([variant, column]);
  }
  let highest = 0;
  for (const [code] of mapped) highest = Math.max(highest, code);
  const classOf = new Uint16Array(highest + 1);
  for (const [code, column] of mapped) classOf[code] = column;
  return classOf;
}

let foldingTable: Map<number, number[]> | undefined;

/** For each lowercase code, the other codes that fold to it (see lowerOfCodes). */
function foldingCodes(): Map<number, number[]> {
  if (foldingTable) return foldingTable;
  foldingTable = new Map();
  const lower = lowerOfCodes();
  for (let code = 0; code < 65536; code++) {
    const to = lower[code]!;
    if (to === code) continue;
    const variants = foldingTable.get(to);
    if (variants) variants.push(code);
    else foldingTable.set(to, [code]);
  }
  return foldingTable;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Every needle occurring in a text, ignoring case, in one or two passes. The table has a row per
 * state and a column per distinct needle character, so a few needles in other scripts would widen
 * every row: SigmaHQ's command-line needles, with their Unicode dashes and homoglyphs, made one table
 * of 30,000 states × 1,228 columns (148 MB, four seconds to build). Needles of printable ASCII get a
 * table of their own, about 70 columns wide; the others, few and short, get a second one.
 */
export class NeedleAutomaton {
  private readonly parts: DenseAutomaton[] = [];

  constructor(needles: readonly string[]) {
    const plain: number[] = [];
    const other: number[] = [];
    needles.forEach((needle, id) => (PRINTABLE_ASCII.test(needle) ? plain : other).push(id));
    for (const ids of [plain, other]) {
      if (ids.length > 0) this.parts.push(new DenseAutomaton(ids.map((id) => needles[id]!), ids));
    }
  }

  /** Calls `found` with the id of each needle occurring in text (repeats possible). */
  scan(text: string, found: (id: number) => void): void {
    for (let i = 0; i < this.parts.length; i++) this.parts[i]!.scan(text, found);
  }
}
