import { expect } from 'chai';
import net from 'node:net';
import { ElasticsearchStore } from '../../../../../adapters/store/elasticsearch/elasticsearch-store.js';
import { isRetriable, UnavailableError } from '../../../../../core/errors.js';
import { silentLogger } from '../../../../../core/logging.js';

/** A port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('adapters > store > elasticsearch > ElasticsearchStore', () => {
  it('reports an unreachable cluster as not ready and its failures as retriable', async function () {
    // The client backs off between its own retries before giving up.
    this.timeout(60_000);
    const store = new ElasticsearchStore({ url: `http://127.0.0.1:${await closedPort()}`, indexPrefix: 'lagebild-unreachable', logger: silentLogger() });
    try {
      expect(await store.ping()).to.equal(false);
      const error = await store.events.putMany([{ '@timestamp': '2025-03-01T10:00:00.000Z', event: { id: 'e1' } }]).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).to.be.instanceOf(UnavailableError);
      expect(isRetriable(error)).to.equal(true);
    } finally {
      await store.close();
    }
  });
});
