import { expect } from 'chai';
import { createMemoryBus } from '../../../adapters/bus/memory/memory-bus.js';
import { isEcsEvent } from '../../../core/domain/ecs.js';
import { decodeJsonBatch } from '../../../core/json-messages.js';
import { silentLogger } from '../../../core/logging.js';
import type { DeliveredMessage } from '../../../core/ports/bus.js';

describe('core > json messages', () => {
  const delivered = (value: string, offset: number): DeliveredMessage => ({ topic: 'events', partition: 0, offset: String(offset), key: 'org', value, redeliveries: 0 });

  it('dead-letters not-JSON and wrongly shaped messages one by one and keeps the good ones of the batch', async () => {
    const bus = createMemoryBus({ partitions: 1, logger: silentLogger() });
    const good = { '@timestamp': '2026-11-20T08:00:00.000Z', event: { id: 'e1' } };
    const batch = [delivered(JSON.stringify(good), 0), delivered('null', 1), delivered('{"half":', 2), delivered('[1,2]', 3), delivered('{"event":{}}', 4)];
    let poisonCount = 0;
    const events = await decodeJsonBatch(bus, batch, isEcsEvent, (count) => (poisonCount = count));
    expect(events.map(({ value }) => value)).to.deep.equal([good]);
    expect(events[0]!.message).to.equal(batch[0]);
    expect(poisonCount).to.equal(4);
    const deadLetters: string[] = [];
    const subscription = await bus.subscribe({ topic: 'events.dlq', group: 'test', handler: async (messages) => void deadLetters.push(...messages.map((message) => message.value)) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await subscription.stop();
    await bus.close();
    expect(deadLetters).to.deep.equal(['null', '{"half":', '[1,2]', '{"event":{}}']);
  });
});
