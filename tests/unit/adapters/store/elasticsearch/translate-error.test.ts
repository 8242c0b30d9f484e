import { errors } from '@elastic/elasticsearch';
import { expect } from 'chai';
import { isAlreadyExists, isTransient, translateError } from '../../../../../adapters/store/elasticsearch/translate-error.js';
import { ConflictError, LagebildError, UnavailableError } from '../../../../../core/errors.js';

function responseError(statusCode: number, type: string, reason = 'because'): errors.ResponseError {
  return new errors.ResponseError({
    body: { error: { type, reason }, status: statusCode },
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as errors.ResponseError['meta']['meta'],
  });
}

describe('adapters > store > elasticsearch > translateError', () => {
  it('makes overload, server errors and lost connections retriable', () => {
    for (const error of [responseError(429, 'es_rejected_execution_exception'), responseError(503, 'unavailable_shards_exception'), new errors.ConnectionError('connect ECONNREFUSED'), new errors.TimeoutError('Request timed out')]) {
      const translated = translateError(error, 'event store');
      expect(translated).to.be.instanceOf(UnavailableError);
      expect(translated.retriable).to.equal(true);
    }
  });

  it('turns a version conflict into ConflictError', () => {
    expect(translateError(responseError(409, 'version_conflict_engine_exception'), 'incident store')).to.be.instanceOf(ConflictError);
  });

  it('marks a document the mapping refuses as rejected for good', () => {
    const translated = translateError(responseError(400, 'document_parsing_exception', 'failed to parse field [source.ip]'), 'event store');
    expect(translated).to.include({ code: 'store_rejected', retriable: false });
    expect(translated.message).to.contain('source.ip');
  });

  it('passes LagebildErrors through and wraps anything else', () => {
    const own = new LagebildError('x', 'mine');
    expect(translateError(own, 'store')).to.equal(own);
    expect(translateError(new TypeError('bug'), 'store')).to.include({ code: 'store_failed', retriable: false });
  });

  it('recognises an index that already exists', () => {
    expect(isAlreadyExists(responseError(400, 'resource_already_exists_exception'))).to.equal(true);
    expect(isAlreadyExists(responseError(400, 'mapper_parsing_exception'))).to.equal(false);
  });

  it('makes the refusals of a node that is starting or stopping retriable, whatever their status', () => {
    const refusals = [
      responseError(403, 'cluster_block_exception', 'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];'),
      responseError(404, 'index_not_found_exception', 'no such index [lagebild-incidents]'),
      responseError(404, 'shard_not_found_exception'),
      responseError(400, 'illegal_index_shard_state_exception', 'CurrentState[CLOSED]'),
    ];
    for (const error of refusals) {
      expect(translateError(error, 'incident store'), error.message).to.include({ code: 'unavailable', retriable: true });
    }
  });

  it('finds a transient cause nested under another error type', () => {
    expect(isTransient(400, { type: 'remote_transport_exception', caused_by: { type: 'node_closed_exception', reason: 'node closed' } })).to.equal(true);
    expect(isTransient(400, { type: 'document_parsing_exception', caused_by: { type: 'illegal_argument_exception' } })).to.equal(false);
  });

  it('keeps other client errors permanent', () => {
    expect(translateError(responseError(400, 'parsing_exception', 'unknown query [x]'), 'incident store')).to.include({ code: 'store_failed', retriable: false });
  });
});
