import { fieldView, type FieldView } from './field-view.js';
import type { Accessor } from './path-accessor.js';

/**
 * Field values of the event being matched, shared by all rules compiled together: an event is
 * usually tested against hundreds of rules that read the same few fields, so each field is read and
 * lowercased once per event. The cache is keyed by event identity; an event must not be changed
 * while it is being matched.
 */
export class FieldCache {
  private readonly slots = new Map<string, number>();
  private readonly accessors: Accessor[] = [];
  private views: (FieldView | undefined)[] = [];
  private stamps = new Uint32Array(16);
  private generation = 1;
  private current: object | undefined;

  /** The slot for a field read by `accessor`; `key` identifies equal accessors across rules. */
  slot(key: string, accessor: () => Accessor): number {
    let index = this.slots.get(key);
    if (index === undefined) {
      index = this.accessors.length;
      this.accessors.push(accessor());
      this.slots.set(key, index);
      if (index >= this.stamps.length) {
        const grown = new Uint32Array(this.stamps.length * 2);
        grown.set(this.stamps);
        this.stamps = grown;
      }
    }
    return index;
  }

  /** The reader of a slot, for callers that need the raw value and no view. */
  accessor(slot: number): Accessor {
    return this.accessors[slot]!;
  }

  view(event: object, slot: number): FieldView {
    if (event !== this.current) {
      this.current = event;
      this.generation = (this.generation + 1) >>> 0 || 1;
    }
    if (this.stamps[slot] === this.generation) return this.views[slot]!;
    const view = fieldView(this.accessors[slot]!(event));
    this.views[slot] = view;
    this.stamps[slot] = this.generation;
    return view;
  }
}
