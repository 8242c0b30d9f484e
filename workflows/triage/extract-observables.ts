import { getField, type EcsEvent } from '../../core/domain/ecs.js';

export interface Observable {
  type: 'ip' | 'domain' | 'url' | 'user' | 'host' | 'hash' | 'file';
  value: string;
  /** The ECS fields it was seen in. */
  fields: string[];
  count: number;
}

/** ECS fields whose values are worth pivoting on, and what kind of observable each one is. */
const OBSERVABLE_FIELDS: ReadonlyArray<[string, Observable['type']]> = [
  ['source.ip', 'ip'],
  ['destination.ip', 'ip'],
  ['client.ip', 'ip'],
  ['source.domain', 'domain'],
  ['destination.domain', 'domain'],
  ['dns.question.name', 'domain'],
  ['url.domain', 'domain'],
  ['url.full', 'url'],
  ['user.name', 'user'],
  ['host.name', 'host'],
  ['file.hash.sha256', 'hash'],
  ['file.hash.md5', 'hash'],
  ['file.name', 'file'],
];

/** The distinct indicators in an incident's events, most frequent first. */
export function extractObservables(events: readonly EcsEvent[]): Observable[] {
  const found = new Map<string, Observable>();
  for (const event of events) {
    for (const [field, type] of OBSERVABLE_FIELDS) {
      const raw = getField(event, field);
      if (typeof raw !== 'string' || raw === '') continue;
      const key = `${type}\u0000${raw}`;
      const entry = found.get(key) ?? { type, value: raw, fields: [], count: 0 };
      entry.count += 1;
      if (!entry.fields.includes(field)) entry.fields.push(field);
      found.set(key, entry);
    }
  }
  return [...found.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
