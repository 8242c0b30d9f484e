import { expect } from 'chai';
import { watchEventLoop } from '../../../core/event-loop-watch.js';
import { silentLogger } from '../../../core/logging.js';
import { MetricsRegistry } from '../../../core/metrics.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('core > event-loop watch', () => {
  it('counts a task that holds the loop for over half a second, and keeps the longest', async () => {
    const metrics = new MetricsRegistry();
    const stop = watchEventLoop(metrics, silentLogger());
    try {
      await sleep(250);
      expect(metrics.counter('lagebild_event_loop_stalls_total', '').get()).to.equal(0);
      const until = performance.now() + 800;
      while (performance.now() < until);
      await sleep(250);
      expect(metrics.counter('lagebild_event_loop_stalls_total', '').get()).to.equal(1);
      expect(metrics.gauge('lagebild_event_loop_longest_stall_seconds', '').get()).to.be.within(0.6, 5);
    } finally {
      stop();
    }
  });
});
