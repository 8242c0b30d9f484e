import { expect } from 'chai';
import kafkajs from 'kafkajs';
import { isRetriableBusError, translateKafkaError } from '../../../../../adapters/bus/kafka/translate-kafka-error.js';
import { LagebildError, UnavailableError, ValidationError } from '../../../../../core/errors.js';

const { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSNonRetriableError, KafkaJSError, KafkaJSProtocolError } = kafkajs;

/** A broker error as kafkajs builds it from a protocol error code (type, code, message, retriable). */
const protocolError = (type: string, code: number, message: string) => new KafkaJSProtocolError(Object.assign(new Error(message), { type, code, retriable: false }));

describe('adapters > bus > kafka > translate-kafka-error', () => {
  it('turns connection problems into UnavailableError, also when kafkajs gave up retrying', () => {
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    for (const error of [refused, new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 3000 })]) {
      const translated = translateKafkaError(error);
      expect(translated).to.be.instanceOf(UnavailableError);
      expect((translated as UnavailableError).cause).to.equal(error);
    }
  });

  it('turns a refusal that retrying cannot fix into a non-retriable bus_rejected', () => {
    const tooLarge = protocolError('MESSAGE_TOO_LARGE', 10, 'The request included a message larger than the max message size the server will accept');
    const translated = translateKafkaError(tooLarge);
    expect(translated).to.be.instanceOf(LagebildError).and.include({ code: 'bus_rejected', retriable: false });
  });

  it('passes errors that are not from kafkajs through unchanged', () => {
    const error = new ValidationError('bad event');
    expect(translateKafkaError(error)).to.equal(error);
  });

  it('honours our retriable flag and kafkajs’s own', () => {
    expect(isRetriableBusError(new LagebildError('x', 'x', { retriable: true }))).to.equal(true);
    expect(isRetriableBusError(new ValidationError('x'))).to.equal(false);
    expect(isRetriableBusError(new KafkaJSError('leader moved', { retriable: true }))).to.equal(true);
    expect(isRetriableBusError(new TypeError('bug'))).to.equal(false);
  });

  it('retries what a broker restart leaves behind, even where kafkajs calls it final', () => {
    const epoch = protocolError('INVALID_PRODUCER_EPOCH', 47, 'Producer attempted an operation with an old epoch');
    expect(isRetriableBusError(epoch)).to.equal(true);
    expect(isRetriableBusError(new KafkaJSNonRetriableError(new KafkaJSError('No broker available')))).to.equal(true);
    expect(translateKafkaError(epoch)).to.be.instanceOf(UnavailableError);
  });
});
