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
export class NeedleAutomaton {
  private readonly classOf = new Uint16Array(65536);
  private readonly width: number;
  private readonly next: Int32Array;
  private readonly outputs: (number[] | undefined)[];

  constructor(needles: readonly string[]) {
    let classes = 1;
    for (const needle of needles) for (let i = 0; i < needle.length; i++) {
      const code = needle.charCodeAt(i);
      if (this.classOf[code] === 0) this.classOf[code] = classes++;
    }
    this.width = classes;
    const lower = lowerOfCodes();
    for (let code = 0; code < 65536; code++) {
      if (this.classOf[code] === 0) this.classOf[code] = this.classOf[lower[code]!]!;
    }
    // Trie first, with -1 for missing edges.
    const edges: number[][] = [new Array<number>(classes).fill(-1)];
    const outputs: (number[] | undefined)[] = [undefined];
    needles.forEach((needle, id) => {
      let state = 0;
      for (let i = 0; i < needle.length; i++) {
        const c = this.classOf[needle.charCodeAt(i)]!;
        let to = edges[state]![c]!;
        if (to < 0) {
          to = edges.length;
          edges.push(new Array<number>(classes).fill(-1));
          outputs.push(undefined);
          edges[state]![c] = to;
        }
        state = to;
      }
      (outputs[state] ??= []).push(id);
    });
    // Breadth-first: complete the transitions through failure links and inherit their outputs.
    const fail = new Int32Array(edges.length);
    const next = new Int32Array(edges.length * classes);
    const queue: number[] = [];
    for (let c = 0; c < classes; c++) {
      const to = edges[0]![c]!;
      next[c] = to < 0 ? 0 : to;
      if (to > 0) queue.push(to);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const inherited = outputs[fail[state]!];
      if (inherited) outputs[state] = [...(outputs[state] ?? []), ...inherited];
      for (let c = 0; c < classes; c++) {
        const to = edges[state]![c]!;
        const viaFail = next[fail[state]! * classes + c]!;
        if (to < 0) next[state * classes + c] = viaFail;
        else {
          next[state * classes + c] = to;
          fail[to] = viaFail;
          queue.push(to);
        }
      }
    }
    this.next = next;
    this.outputs = outputs;
  }

  /** Calls `found` with the id of each needle occurring in text (repeats possible). */
  scan(text: string, found: (id: number) => void): void {
    const { classOf, next, width, outputs } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = next[state * width + classOf[text.charCodeAt(i)]!]!;
      const out = outputs[state];
      if (out !== undefined) for (let k = 0; k < out.length; k++) found(out[k]!);
    }
  }
}
