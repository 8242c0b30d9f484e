import type { Client, estypes } from '@elastic/elasticsearch';
import { expect } from 'chai';
import { bulkWrite } from '../../../../../adapters/store/elasticsearch/bulkWrite.js';
import { LagebildError, UnavailableError } from '../../../../../core/errors.js';
import { silentLogger } from '../../../../../core/logging.js';

type ItemOutcome = 'ok' | 'overloaded' | 'rejected';

/** A stand-in for the client: answers each bulk call with the next scripted outcome per document id. */
function fakeClient(script: (id: string, call: number) => ItemOutcome): { client: Client; calls: string[][] } {
  const calls: string[][] = [];
  const bulk = async (request: estypes.BulkRequest): Promise<estypes.BulkResponse> => {
    const operations = request.operations ?? [];
    const ids = operations.filter((_, i) => i % 2 === 0).map((op) => (op as { index: { _id: string } }).index._id);
    calls.push(ids);
    const items = ids.map((id): Partial<Record<estypes.BulkOperationType, estypes.BulkResponseItem>> => {
      const outcome = script(id, calls.length);
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
});
