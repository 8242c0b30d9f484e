/** One source's event time as last seen: the newest time it sent and when that arrived. */
interface SourceClock {
  newest: number;
  arrivedAt: number;
}

/**
 * Judges whether an event arrives too late to correlate, against its own source only. A source's
 * current time is estimated as the newest event time it sent, advanced by the wall-clock time since
 * that event arrived; an event more than the allowed lateness behind that estimate is late. So a
 * source with a clock hours ahead, or a busy organisation with newer events, never makes another
 * source's events late; a source whose clock is consistently behind is never late either; and a
 * batch shipped an hour after its events happened is on time, while one held back for three hours
 * (with its source silent meanwhile, or sending newer events) is late.
 */
export class SourceClocks {
  /** Insertion-ordered and re-inserted on every update, so the first entries are the longest silent. */
  private readonly clocks = new Map<string, SourceClock>();

  constructor(
    private readonly latenessMs: number,
    private readonly maxSources: number,
  ) {}

  /** Records the event and says whether it is late; `now` is the wall-clock time of its arrival. */
  isLate(source: string, time: number, now: number): boolean {
    const clock = this.clocks.get(source);
    if (clock === undefined) {
      if (this.clocks.size >= this.maxSources) this.clocks.delete(this.clocks.keys().next().value!);
      this.clocks.set(source, { newest: time, arrivedAt: now });
      return false;
    }
    if (time < clock.newest + Math.max(0, now - clock.arrivedAt) - this.latenessMs) return true;
    if (time > clock.newest) {
      clock.newest = time;
      clock.arrivedAt = now;
      this.clocks.delete(source);
      this.clocks.set(source, clock);
    }
    return false;
  }

  get size(): number {
    return this.clocks.size;
  }
}
