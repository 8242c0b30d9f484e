import { Worker } from 'node:worker_threads';

/** One answer of /healthz: how long it took, whether it was 200, and when it was sent (epoch ms). */
export interface HealthzProbe {
  elapsedMs: number;
  ok: boolean;
  sentAt: number;
}

export interface HealthzProbeThread {
  /** Ends the loop after the probe in flight; resolves once every probe has been reported. */
  stop(): Promise<void>;
}

/**
 * Probes `url` every `everyMs` from a worker thread of its own. The harness that floods the service
 * runs on the main thread; a probe timed there also measured the harness's own pauses (600 ms seen
 * on a loaded machine), which the service under test is not to blame for.
 */
export function startHealthzProbeThread(url: string, options: { everyMs: number; timeoutMs: number }, onProbe: (probe: HealthzProbe) => void): HealthzProbeThread {
  const worker = new Worker(new URL('./healthz-probe-worker.js', import.meta.url), { workerData: { url, ...options } });
  const finished = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: HealthzProbe | 'stopped') => {
      if (message === 'stopped') void worker.terminate().then(() => resolve());
      else onProbe(message);
    });
    worker.once('error', reject);
  });
  return {
    stop() {
      worker.postMessage('stop');
      return finished;
    },
  };
}
