import type { EcsEvent } from '../../core/domain/ecs.js';
import { CHANNEL_INPUT, deriveLogsource, OTHER_INPUTS, WINDOWS_INPUTS, type EventLogsource } from './derive-logsource.js';

/** Most constituencies send a few dozen kinds of events; the bound only matters under attack. */
const MAX_COMBINATIONS = 10_000;

/** Ends the elements of a list input, so that ["a"] then "b" and ["a", "b"] take different paths. */
const END_OF_LIST = Symbol('end of list');

/** Where a combination's result is kept, in the level its last field value leads to. */
const RESULT = Symbol('result');

type Level = Map<unknown, unknown>;

/**
 * Remembers what was made of an event's derived log source, per combination of the fields the
 * derivation reads (CHANNEL_INPUT, then WINDOWS_INPUTS or OTHER_INPUTS). Finding it walks one Map level per field value (per element
 * for lists) and allocates nothing, where deriving it anew builds sets, lists and a key string for
 * every event. The fields are attacker-controlled (a syslog program name): past MAX_COMBINATIONS
 * the memo starts over.
 */
export class LogsourceMemo<T> {
  private root: Level = new Map();
  private combinations = 0;

  constructor(private readonly make: (logsource: EventLogsource) => T) {}

  get(event: EcsEvent): T {
    const channel = CHANNEL_INPUT.read(event);
    let level = below(this.root, channel);
    const inputs = channel === undefined ? OTHER_INPUTS : WINDOWS_INPUTS;
    for (let i = 0; i < inputs.length; i++) {
      const { read, list } = inputs[i]!;
      const value = read(event);
      if (!list) level = below(level, value);
      else {
        // The keys of `list()`: a lone string is a list of one, elements are texts, anything else is empty.
        if (typeof value === 'string') level = below(level, value);
        else if (Array.isArray(value)) for (const element of value as unknown[]) level = below(level, typeof element === 'string' ? element : String(element));
        level = below(level, END_OF_LIST);
      }
    }
    if (level.has(RESULT)) return level.get(RESULT) as T;
    if (++this.combinations > MAX_COMBINATIONS) {
      this.root = new Map();
      this.combinations = 0;
    }
    const made = this.make(deriveLogsource(event));
    level.set(RESULT, made);
    return made;
  }
}

function below(level: Level, key: unknown): Level {
  let next = level.get(key) as Level | undefined;
  if (next === undefined) {
    next = new Map();
    level.set(key, next);
  }
  return next;
}
