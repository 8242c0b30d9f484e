import type { Logger } from './logging.js';
import type { MetricsRegistry } from './metrics.js';

/** How often the watch looks: a tick that comes this much later than asked for was blocked. */
const TICK_MS = 100;
/** What counts as a stall: long enough that /healthz and syslog senders notice. */
const STALL_MS = 500;

/**
 * Watches the process's own event loop from inside: a timer that fires late by more than half a
 * second means one task held the loop that long (or the process got no CPU). Stalls are counted and
 * logged, and the longest is kept, so an operator, or the fuzz test, can tell a slow service from a
 * slow network or an overloaded probe. Returns the function that stops watching.
 */
export function watchEventLoop(metrics: MetricsRegistry, logger: Logger): () => void {
  const stalls = metrics.counter('lagebild_event_loop_stalls_total', `Times the event loop was blocked for ${STALL_MS} ms or more`);
  const longest = metrics.gauge('lagebild_event_loop_longest_stall_seconds', 'The longest the event loop was blocked since the watch started');
  let longestMs = 0;
  let expected = performance.now() + TICK_MS;
  const timer = setInterval(() => {
    const now = performance.now();
    const lateMs = now - expected;
    expected = now + TICK_MS;
    if (lateMs < STALL_MS) return;
    stalls.inc();
    if (lateMs > longestMs) longest.set({}, (longestMs = lateMs) / 1000);
    logger.warn({ blockedMs: Math.round(lateMs) }, 'Event loop was blocked');
  }, TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
