import type { EcsEvent } from '../../core/domain/ecs.js';
import { deriveLogsource, LOGSOURCE_INPUTS, type EventLogsource } from './deriveLogsource.js';

/** Most constituencies send a few dozen kinds of events; the bound only matters under attack. */
const MAX_COMBINATIONS = 10_000;

/**
 * Remembers what was made of an event's derived log source, per combination of the fields the
 * derivation reads (LOGSOURCE_INPUTS). Finding it walks one Map level per field and allocates
 * nothing, where deriving it anew builds sets, lists and a key string for every event. The fields
 * are attacker-controlled (a syslog program name): past MAX_COMBINATIONS the memo starts over.
 */
export class LogsourceMemo<T> {
  private root = new Map<unknown, unknown>();
  private combinations = 0;

  constructor(private readonly make: (logsource: EventLogsource) => T) {}

  get(event: EcsEvent): T {
    let level = this.root;
    const last = LOGSOURCE_INPUTS.length - 1;
    for (let i = 0; i < last; i++) {
      const key = LOGSOURCE_INPUTS[i]!(event);
      let next = level.get(key) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(key, next);
      }
      level = next;
    }
    const key = LOGSOURCE_INPUTS[last]!(event);
    if (level.has(key)) return level.get(key) as T;
    if (++this.combinations > MAX_COMBINATIONS) {
      this.root = new Map();
      this.combinations = 0;
    }
    const made = this.make(deriveLogsource(event));
    level.set(key, made);
    return made;
  }
}

