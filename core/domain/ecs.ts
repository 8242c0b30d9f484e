/**
 * An event in Elastic Common Schema shape (https://www.elastic.co/guide/en/ecs/current/).
 * Only the fields Lagebild itself relies on are typed; parsers may add any other ECS field,
 * which is why the type stays open.
 */
export interface EcsEvent extends EcsEventBody {
  event: EcsEventMeta & { id: string };
}

/** An event before collection has given it an id (a source may have sent one already). */
export interface DraftEcsEvent extends EcsEventBody {
  event: EcsEventMeta & { id?: string };
}

/** The `event.*` fields other than the id. */
export interface EcsEventMeta {
  kind?: 'event' | 'alert' | 'metric' | 'state' | 'pipeline_error' | 'signal';
  category?: string[];
  type?: string[];
  action?: string;
  outcome?: 'success' | 'failure' | 'unknown';
  code?: string;
  dataset?: string;
  module?: string;
  original?: string;
  ingested?: string;
  severity?: number;
  [field: string]: unknown;
}

export interface EcsEventBody {
  '@timestamp': string;
  organization?: { id?: string; name?: string };
  source?: EcsEndpoint;
  destination?: EcsEndpoint;
  host?: { name?: string; hostname?: string; ip?: string[]; [field: string]: unknown };
  user?: { name?: string; domain?: string; [field: string]: unknown };
  process?: { name?: string; pid?: number; command_line?: string; executable?: string; [field: string]: unknown };
  network?: { transport?: string; protocol?: string; direction?: string; [field: string]: unknown };
  log?: { syslog?: Record<string, unknown>; [field: string]: unknown };
  message?: string;
  [field: string]: unknown;
}

export interface EcsEndpoint {
  ip?: string;
  port?: number;
  domain?: string;
  [field: string]: unknown;
}

/** Reads a dotted ECS path ("source.ip") from an event; also finds keys that themselves contain dots. */
export function getField(event: unknown, path: string): unknown {
  if (event === null || typeof event !== 'object') return undefined;
  const record = event as Record<string, unknown>;
  if (path in record) return record[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  // Try every split point so that flattened keys ("winlog.event_data") and nesting both resolve.
  for (let i = dot; i >= 0; i = path.indexOf('.', i + 1)) {
    const head = path.slice(0, i);
    if (head in record) {
      const found = getField(record[head], path.slice(i + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Writes a dotted path, creating the objects on the way. */
export function setField(event: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = event;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/** The least an event on the bus must have: an `event` object with an id and a timestamp string. */
export function isEcsEvent(value: unknown): value is EcsEvent {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const meta = record.event as Record<string, unknown> | undefined;
  if (typeof record['@timestamp'] !== 'string' || meta === null || typeof meta !== 'object' || typeof meta.id !== 'string') return false;
  // The organisation keys the bus and a store column: anything but a string id there is not an event of ours.
  const organisation = record.organization as Record<string, unknown> | undefined;
  return organisation === undefined || (organisation !== null && typeof organisation === 'object' && (organisation.id === undefined || typeof organisation.id === 'string'));
}
