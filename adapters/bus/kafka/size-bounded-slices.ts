import type { OutgoingMessage } from '../../../core/ports/bus.js';

/**
 * The broker refuses a produce request whose record batch exceeds `message.max.bytes` (1 MiB by
 * default), and kafkajs puts all messages of one partition into one batch. Slicing a publish by
 * size, in order, keeps every request under the limit however large a backlog grows.
 */
export const MAX_SLICE_BYTES = 512 * 1024;

export function sizeBoundedSlices(messages: OutgoingMessage[], maxBytes = MAX_SLICE_BYTES): OutgoingMessage[][] {
  const slices: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageBytes(message);
    if (current.length > 0 && bytes + size > maxBytes) {
      slices.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) slices.push(current);
  return slices;
}

function messageBytes(message: OutgoingMessage): number {
  let size = Buffer.byteLength(message.key) + Buffer.byteLength(message.value) + 64;
  for (const [name, value] of Object.entries(message.headers ?? {})) size += Buffer.byteLength(name) + Buffer.byteLength(value);
  return size;
}
