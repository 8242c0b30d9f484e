/** Polls `/healthz` while a test provokes the service, to see whether its event loop ever stalls. */
export interface HealthProbe {
  /** Stops polling; resolves with each answer's latency in ms (a timeout or error counts as Infinity). */
  stop(): Promise<number[]>;
}

export function probeHealth(baseUrl: string, everyMs = 100, timeoutMs = 1_000): HealthProbe {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      try {
        const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
        await response.arrayBuffer();
        latencies.push(response.ok ? Date.now() - started : Infinity);
      } catch {
        latencies.push(Infinity);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies;
    },
  };
}
