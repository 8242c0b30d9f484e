import { parentPort, workerData } from 'node:worker_threads';
import type { Organisation } from '../core/domain/organisation.js';
import { createAttributor } from './attribution/attributor.js';
import type { ParsingRequest, ParsingResponse } from './parsing-messages.js';
import { prepareEvent } from './prepare-event.js';

// A parsing worker of the collector (collectors/parsing-pool.ts): batches of messages in, the events
// as they go on the bus out, in the order they came.
const { organisations, maxMessageBytes } = workerData as { organisations: Organisation[]; maxMessageBytes: number };
let attributor = createAttributor(organisations);

parentPort!.on('message', (request: ParsingRequest) => {
  if (request.type === 'organisations') {
    attributor = createAttributor(request.organisations);
    return;
  }
  const response: ParsingResponse = { id: request.id, keys: [], values: [], failures: [] };
  for (let index = 0; index < request.messages.length; index++) {
    const origin = request.origins[request.originOf[index]!]!;
    const prepared = prepareEvent({ message: request.messages[index]!, receivedAtMillis: request.receivedAtMillis, ...origin }, attributor, maxMessageBytes);
    if (prepared.kind === 'event') {
      response.keys.push(prepared.key);
      response.values.push(prepared.value);
    } else {
      response.keys.push('');
      response.values.push('');
      response.failures.push([index, prepared]);
    }
  }
  parentPort!.postMessage(response);
});
