import { expect } from 'chai';
import type { DeliveredMessage } from '../../../core/ports/bus.js';
import { OncePerMessage } from '../../../detectors/once-per-message.js';

function message(partition: number, offset: number): DeliveredMessage {
  return { topic: 'events', partition, offset: String(offset), key: 'k', value: `${partition}:${offset}`, headers: {}, redeliveries: 0 };
}

describe('detectors > once-per-message', () => {
  const process = (seen: string[]) => (delivered: DeliveredMessage) => {
    seen.push(delivered.value);
    return delivered.offset === '2' ? undefined : `out ${delivered.value}`;
  };

  it('processes a message once and hands out its output again until it is published', () => {
    const once = new OncePerMessage<string>();
    const seen: string[] = [];
    const batch = [message(0, 1), message(0, 2), message(0, 3)];
    expect(once.outputs(batch, process(seen))).to.deep.equal(['out 0:1', 'out 0:3']);
    expect(once.outputs(batch, process(seen)), 'redelivered before publishing').to.deep.equal(['out 0:1', 'out 0:3']);
    once.published(batch);
    expect(once.outputs(batch, process(seen)), 'redelivered after publishing').to.deep.equal([]);
    expect(seen).to.deep.equal(['0:1', '0:2', '0:3']);
  });

  it('processes only the new messages of a redelivery that reaches further, and keeps partitions apart', () => {
    const once = new OncePerMessage<string>();
    const seen: string[] = [];
    once.outputs([message(0, 1)], process(seen));
    expect(once.outputs([message(0, 1), message(0, 3), message(1, 1)], process(seen))).to.deep.equal(['out 0:1', 'out 0:3', 'out 1:1']);
    expect(seen).to.deep.equal(['0:1', '0:3', '1:1']);
  });

  it('forgets older unpublished outputs of a partition once newer ones are published (another consumer took those over)', () => {
    const once = new OncePerMessage<string>();
    once.outputs([message(0, 1), message(1, 1)], process([]));
    once.outputs([message(0, 3)], process([]));
    once.published([message(0, 3)]);
    expect(once.outputs([message(0, 1), message(1, 1)], process([]))).to.deep.equal(['out 1:1']);
  });
});
