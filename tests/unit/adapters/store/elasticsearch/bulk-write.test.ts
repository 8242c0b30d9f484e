import type { Client, estypes } from '@elastic/elasticsearch';
import { expect } from 'chai';
import { bulkWrite } from '../../../../../adapters/store/elasticsearch/bulk-write.js';
import { LagebildError, UnavailableError } from '../../../../../core/errors.js';
import { silentLogger } from '../../../../../core/logging.js';

type ItemOutcome = 'ok' | 'overloaded' | 'rejected' | estypes.BulkResponseItem;

/**
 * A stand-in for the client: answers each bulk call with the next scripted outcome per document id;
 * an outcome can be a whole item, as Elasticsearch sends it, for the refusals of a starting node.
 */
function fakeClient(script: (id: string, call: number) => ItemOutcome): { client: Client; calls: string[][] } {
  const calls: string[][] = [];
  const bulk = async (request: estypes.BulkRequest): Promise<estypes.BulkResponse> => {
    const operations = request.operations ?? [];
    const ids = operations.filter((_, i) => i % 2 === 0).map((op) => (op as { index: { _id: string } }).index._id);
    calls.push(ids);
    const items = ids.map((id): Partial<Record<estypes.BulkOperationType, estypes.BulkResponseItem>> => {
      const outcome = script(id, calls.length);
      if (typeof outcome === 'object') return { index: outcome };
      if (outcome === 'ok') return { index: { _index: 'i', _id: id, status: 201 } };
      const error = outcome === 'overloaded' ? { type: 'es_rejected_execution_exception', reason: 'queue full' } : { type: 'document_parsing_exception', reason: 'bad ip' };
      return { index: { _index: 'i', _id: id, status: outcome === 'overloaded' ? 429 : 400, error } };
    });
    return { took: 1, errors: items.some((item) => item.index?.error !== undefined), items };
  };
  return { client: { bulk } as unknown as Client, calls };
}

const documents = ['a', 'b', 'c'].map((id) => ({ index: 'lagebild-events-2025.03.01', id, document: { id } }));

describe('adapters > store > elasticsearch > bulkWrite', () => {
  it('sends again only the documents refused for load', async () => {
    const { client, calls } = fakeClient((id, call) => (id === 'b' && call === 1 ? 'overloaded' : 'ok'));
    await bulkWrite(client, documents, 'event store', silentLogger());
    expect(calls).to.deep.equal([['a', 'b', 'c'], ['b']]);
  });

  it('reports documents refused for their content as non-retriable, after writing the rest', async () => {
    const { client, calls } = fakeClient((id) => (id === 'c' ? 'rejected' : 'ok'));
    const error = await bulkWrite(client, documents, 'event store', silentLogger()).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(calls).to.have.length(1);
    expect(error).to.be.instanceOf(LagebildError);
    expect(error).to.include({ code: 'store_rejected', retriable: false });
    expect((error as LagebildError).details).to.deep.equal([{ id: 'c', reason: 'document_parsing_exception: bad ip' }]);
  });

  it('gives up with a retriable error when the cluster stays overloaded', async function () {
    this.timeout(10_000);
    const { client, calls } = fakeClient((id) => (id === 'a' ? 'overloaded' : 'ok'));
    const error = await bulkWrite(client, documents, 'event store', silentLogger()).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).to.be.instanceOf(UnavailableError);
    expect(calls.slice(1).every((ids) => ids.length === 1 && ids[0] === 'a')).to.equal(true);
  });

  // Item refusals seen while a node starts or stops; statuses and texts as Elasticsearch 8 sends them.
  const STARTING_NODE_REFUSALS: estypes.BulkResponseItem[] = [
    { _index: 'i', _id: 'b', status: 403, error: { type: 'cluster_block_exception', reason: 'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];' } },
    { _index: 'i', _id: 'b', status: 404, error: { type: 'index_not_found_exception', reason: 'no such index [lagebild-alerts-2025.03.01]' } },
    { _index: 'i', _id: 'b', status: 404, error: { type: 'shard_not_found_exception', reason: 'no such shard' } },
    { _index: 'i', _id: 'b', status: 400, error: { type: 'illegal_index_shard_state_exception', reason: 'CurrentState[CLOSED] operation only allowed when started/recovering' } },
    { _index: 'i', _id: 'b', status: 503, error: { type: 'unavailable_shards_exception', reason: '[i][0] primary shard is not active Timeout: [1m]' } },
  ];

  for (const refusal of STARTING_NODE_REFUSALS) {
    it(`sends again a document refused with ${refusal.status} ${refusal.error!.type} instead of rejecting it`, async () => {
      const { client, calls } = fakeClient((id, call) => (id === 'b' && call === 1 ? refusal : 'ok'));
      await bulkWrite(client, documents, 'alert store', silentLogger());
      expect(calls).to.deep.equal([['a', 'b', 'c'], ['b']]);
    });
  }

  it('reports a node that stays blocked as retriable, so that the batch is redelivered and never dead-lettered', async function () {
    this.timeout(10_000);
    const blocked = STARTING_NODE_REFUSALS[0]!;
    const { client } = fakeClient((id) => (id === 'b' ? blocked : 'ok'));
    const error = await bulkWrite(client, documents, 'alert store', silentLogger()).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).to.be.instanceOf(UnavailableError);
    expect(error).to.include({ retriable: true });
    expect((error as Error).message).to.contain('cluster_block_exception');
  });

  it('still rejects a document refused for its content while retrying one refused for the cluster state', async () => {
    const { client, calls } = fakeClient((id, call) => {
      if (id === 'a') return 'rejected';
      return id === 'b' && call === 1 ? STARTING_NODE_REFUSALS[1]! : 'ok';
    });
    const error = await bulkWrite(client, documents, 'alert store', silentLogger()).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(calls).to.deep.equal([['a', 'b', 'c'], ['b']]);
    expect(error).to.include({ code: 'store_rejected', retriable: false });
    expect((error as LagebildError).details).to.deep.equal([{ id: 'a', reason: 'document_parsing_exception: bad ip' }]);
  });
});
