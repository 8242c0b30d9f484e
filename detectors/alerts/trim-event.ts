import type { EcsEvent } from '../../core/domain/ecs.js';
import { fieldReader } from '../field-reader.js';
import { ENTITY_FIELDS } from '../incidents/story-entities.js';

/**
 * The fields an analyst needs to judge an alert, and those story grouping links incidents by; the
 * rest of the event stays in the event store.
 */
const KEPT_FIELDS = new Set([
  'organization.id',
  'source.ip',
  'source.port',
  'destination.ip',
  'destination.port',
  'destination.domain',
  'user.name',
  'host.name',
  'process.name',
  'process.command_line',
  'url.original',
  'dns.question.name',
  'message',
  ...ENTITY_FIELDS,
]);

// Paths split once: trimming runs for every alert's evidence.
const KEPT_READERS = [...KEPT_FIELDS].map((field) => ({ read: fieldReader(field), parents: field.split('.').slice(0, -1), leaf: field.slice(field.lastIndexOf('.') + 1) }));

const ORIGINAL_LIMIT = 2048;

/** A copy of the event reduced to its evidence: `event.*` (with `event.original` cut to 2 KB) and the fields above. */
export function trimEvent(event: EcsEvent): EcsEvent {
  const trimmed: EcsEvent = { '@timestamp': event['@timestamp'], event: { ...event.event } };
  const original = trimmed.event.original;
  if (typeof original === 'string' && original.length > ORIGINAL_LIMIT) trimmed.event.original = original.slice(0, ORIGINAL_LIMIT);
  for (const { read, parents, leaf } of KEPT_READERS) {
    const value = read(event);
    if (value === undefined) continue;
    // As setField does: create (or replace a non-object on) the way down, then write the leaf.
    let node = trimmed as Record<string, unknown>;
    for (const part of parents) {
      const next = node[part];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[leaf] = value;
  }
  return trimmed;
}
