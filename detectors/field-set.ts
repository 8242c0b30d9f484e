import { fieldReader, type FieldReader } from './field-reader.js';

/**
 * Reads a fixed set of dotted paths from one event at a time, with the results `fieldReader` gives,
 * but each top-level object looked up once per event instead of once per path and split point: the
 * IOC matcher reads twenty paths of every event, most of them under objects the event lacks. The
 * shortcut needs an event without dotted top-level keys (`"source.ip": …`), as the collectors make
 * them; any other event is read path by path.
 */
export class FieldSet {
  private readonly heads: string[] = [];
  private readonly headOf: number[];
  private readonly rests: FieldReader[];
  private readonly wholes: FieldReader[];
  private readonly headValues: unknown[];
  private event: object = {};
  private dotted = false;

  /** Every path must contain a dot. */
  constructor(paths: readonly string[]) {
    this.headOf = paths.map((path) => {
      const head = path.slice(0, path.indexOf('.'));
      const known = this.heads.indexOf(head);
      return known >= 0 ? known : this.heads.push(head) - 1;
    });
    this.rests = paths.map((path) => fieldReader(path.slice(path.indexOf('.') + 1)));
    this.wholes = paths.map(fieldReader);
    this.headValues = this.heads.map(() => undefined);
  }

  /** Starts reading `event`: `value` reads from it until the next call. */
  use(event: object): void {
    this.event = event;
    this.dotted = hasDottedKey(event);
    if (this.dotted) return;
    const record = event as Record<string, unknown>;
    for (let i = 0; i < this.heads.length; i++) this.headValues[i] = record[this.heads[i]!];
  }

  /** The value of the path at `index` (constructor order) in the current event. */
  value(index: number): unknown {
    if (this.dotted) return this.wholes[index]!(this.event);
    const inner = this.headValues[this.headOf[index]!];
    return inner === undefined ? undefined : this.rests[index]!(inner);
  }
}

function hasDottedKey(event: object): boolean {
  for (const key in event) if (key.includes('.')) return true;
  return false;
}
