import net from 'node:net';

export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const ELASTICSEARCH_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';

function reachable(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Call in a `before` hook of a suite that needs a real service. Without the service the suite is
 * skipped at run time, unless REQUIRE_SERVICES=1 (CI), where a missing service is a failure.
 */
export async function requireService(runningTest: Mocha.Context, name: 'kafka' | 'elasticsearch'): Promise<void> {
  const address = name === 'kafka' ? KAFKA_BROKERS[0]! : new URL(ELASTICSEARCH_URL).host;
  const [host, port] = address.split(':');
  if (await reachable(host!, Number(port))) return;
  if (process.env.REQUIRE_SERVICES === '1') throw new Error(`${name} is not reachable at ${address} (REQUIRE_SERVICES=1); run scripts/services up`);
  runningTest.skip();
}
