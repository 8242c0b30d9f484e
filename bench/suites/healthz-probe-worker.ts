// The loop of startHealthzProbeThread, on a thread that does nothing else.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { HealthzProbe } from './healthz-probe-thread.js';

const { url, everyMs, timeoutMs } = workerData as { url: string; everyMs: number; timeoutMs: number };
let running = true;
parentPort!.on('message', () => {
  running = false;
});

/** A fresh connection per probe: a pooled socket would hide a slow accept. */
function probe(): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode === 200));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

while (running) {
  const sentAt = Date.now();
  const started = performance.now();
  const ok = await probe();
  const elapsedMs = performance.now() - started;
  parentPort!.postMessage({ elapsedMs, ok, sentAt } satisfies HealthzProbe);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - elapsedMs)));
}
parentPort!.postMessage('stopped');
