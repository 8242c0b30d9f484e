import { parentPort, workerData } from 'node:worker_threads';
import type { Organisation } from '../core/domain/organisation.js';
import { createAttributor } from './attribution/attributor.js';
import { EventTextWriter } from './event-texts.js';
import type { ParsingRequest, ParsingResponse } from './parsing-messages.js';
import { prepareEvent } from './prepare-event.js';

// A parsing worker of the collector (collectors/parsing-pool.ts): batches of messages in, the events
// as they go on the bus out, in the order they came.
const { organisations, maxMessageBytes } = workerData as { organisations: Organisation[]; maxMessageBytes: number };
let attributor = createAttributor(organisations);
const writer = new EventTextWriter();

parentPort!.on('message', (request: ParsingRequest) => {
  if (request.type === 'organisations') {
    attributor = createAttributor(request.organisations);
    return;
  }
  for (const buffer of request.returned) writer.recycle(buffer);
  writer.begin();
  const keys: string[] = [];
  const failures: ParsingResponse['failures'] = [];
  const { text, ends } = request;
  for (let index = 0; index < ends.length; index++) {
    const origin = request.origins[request.originOf[index]!]!;
    const message = text.slice(index === 0 ? 0 : ends[index - 1], ends[index]);
    const prepared = prepareEvent({ message, receivedAtMillis: request.receivedAtMillis, parser: origin.parser, peerAddress: origin.peerAddress, organizationId: origin.organizationId }, attributor, maxMessageBytes);
    if (prepared.kind === 'event') {
      keys.push(prepared.key);
      writer.add(prepared.value);
    } else {
      keys.push('');
      writer.add('');
      failures.push([index, prepared]);
    }
  }
  const texts = writer.finish();
  parentPort!.postMessage({ id: request.id, keys, texts, failures } satisfies ParsingResponse, [texts.buffer]);
});
