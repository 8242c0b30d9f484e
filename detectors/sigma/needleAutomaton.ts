/**
 * Aho–Corasick automaton over many lowercase needles: one pass over a text reports every needle it
 * contains. Transitions are a dense table over the characters that occur in needles; every other
 * character leads back to the start state.
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
