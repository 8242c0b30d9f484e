import { defineParser, type ParseResult } from './define-parser.js';
import { expandDottedKeys } from './expand-dotted-keys.js';
import { exceededJsonLimit } from './json-limits.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { setOwnField } from './set-own-field.js';
import { scanIsoTimestamp } from './syslog/iso-timestamp.js';
import { mapWindowsEvent } from './windows/windows-event.js';

type Fields = Record<string, unknown>;

// NXLog's im_msvistalog fields that describe the record itself; every other field is event data.
const NXLOG_RECORD_FIELDS = new Set([
  'EventTime', 'EventReceivedTime', 'Hostname', 'Keywords', 'EventType', 'SeverityValue', 'Severity', 'EventID',
  'SourceName', 'ProviderGuid', 'Version', 'Task', 'OpcodeValue', 'RecordNumber', 'ActivityID', 'ProcessID',
  'ThreadID', 'Channel', 'Message', 'Category', 'Opcode', 'SourceModuleName', 'SourceModuleType', 'EventData',
]);

function isObject(value: unknown): value is Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function timestamp(value: unknown, fallback: Date): string {
  if (typeof value === 'string') {
    const time = scanIsoTimestamp(value, 0, true);
    if (time !== undefined) return new Date(time.millis).toISOString();
  }
  return fallback.toISOString();
}

/** NXLog im_msvistalog JSON: flat record fields plus the event data at top level. */
function fromNxlog(record: Fields, context: ParseContext): ParsedEvent {
  const eventData: Fields = isObject(record.EventData) ? { ...record.EventData } : {};
  for (const [key, value] of Object.entries(record)) if (!NXLOG_RECORD_FIELDS.has(key)) setOwnField(eventData, key, value);
  const winlog: Fields = {
    event_id: String(record.EventID), channel: record.Channel, computer_name: record.Hostname, provider_name: record.SourceName,
    provider_guid: record.ProviderGuid, record_id: record.RecordNumber, keywords: record.Keywords, event_data: eventData,
    process: record.ProcessID === undefined ? undefined : { pid: record.ProcessID, thread: { id: record.ThreadID } },
  };
  for (const key of Object.keys(winlog)) if (winlog[key] === undefined) delete winlog[key];
  const event: ParsedEvent = { '@timestamp': timestamp(record.EventTime, context.receivedAt), event: { kind: 'event' }, winlog };
  if (typeof record.Message === 'string') event.message = record.Message;
  mapWindowsEvent(event, winlog);
  return event;
}

/**
 * JSON objects: ECS documents pass through (dotted keys expanded), Winlogbeat documents keep their
 * `winlog.*` and gain the ECS meaning of the event id, NXLog Windows records are normalised to the same.
 */
export function parseJson(line: string, context: ParseContext): ParseResult {
  const exceeded = exceededJsonLimit(line);
  if (exceeded !== undefined) return exceeded;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return 'invalid JSON';
  }
  if (!isObject(parsed)) return 'JSON is not an object';
  if (parsed.EventID !== undefined && (parsed.Channel !== undefined || parsed.SourceName !== undefined)) return fromNxlog(parsed, context);
  const document = expandDottedKeys(parsed);
  const original = document.event;
  const eventFields: Fields = isObject(original) ? { ...original } : {};
  // A non-object "event" cannot live where ECS puts its event fields; keep it as a label instead.
  if (original !== undefined && !isObject(original)) document.labels = { ...(isObject(document.labels) ? document.labels : {}), event: String(original) };
  eventFields.kind ??= 'event';
  const event = { ...document, '@timestamp': timestamp(document['@timestamp'] ?? document.timestamp, context.receivedAt), event: eventFields } as ParsedEvent;
  if (isObject(document.winlog) && document.winlog.event_id !== undefined) {
    document.winlog.event_id = String(document.winlog.event_id);
    mapWindowsEvent(event, document.winlog);
  }
  return event;
}

export const jsonParser = defineParser('json', parseJson);
