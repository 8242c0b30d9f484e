import { defineParser, type ParseResult } from './define-parser.js';
import { expandDottedKeys } from './expand-dotted-keys.js';
import { exceededJsonLimit } from './json-limits.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { setOwnField } from './set-own-field.js';
import { scanIsoTimestamp } from './syslog/iso-timestamp.js';
import { mapWindowsEvent } from './windows/windows-event.js';
import { processTimeZone } from './local-time.js';
import { windowsEventTime } from './windows/windows-event-time.js';

type Fields = Record<string, unknown>;

// NXLog's im_msvistalog fields that describe the record itself, and those Logstash adds when it relays
// them (as in the OTRF Security-Datasets recordings); every other field is event data. AccountName and
// Domain stay event data: Windows events (4778, 7045) carry fields of those names too.
const NXLOG_RECORD_FIELDS = new Set([
  'EventTime', 'EventReceivedTime', 'Hostname', 'Keywords', 'EventType', 'SeverityValue', 'Severity', 'EventID',
  'SourceName', 'ProviderGuid', 'Version', 'Task', 'OpcodeValue', 'RecordNumber', 'ActivityID', 'RelatedActivityID', 'ProcessID',
  'ThreadID', 'Channel', 'Message', 'Category', 'Opcode', 'SourceModuleName', 'SourceModuleType', 'EventData', 'UserID', 'AccountType',
  'TimeCreated', 'Level', 'ExecutionProcessID', '@timestamp', '@version', 'host', 'port', 'tags',
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
  const pid = record.ProcessID ?? record.ExecutionProcessID;
  const winlog: Fields = {
    event_id: String(record.EventID), channel: record.Channel, computer_name: record.Hostname, provider_name: record.SourceName,
    provider_guid: record.ProviderGuid, record_id: record.RecordNumber, keywords: record.Keywords, event_data: eventData,
    process: pid === undefined ? undefined : { pid, thread: { id: record.ThreadID } },
    user: record.UserID === undefined ? undefined : { identifier: record.UserID },
  };
  for (const key of Object.keys(winlog)) if (winlog[key] === undefined) delete winlog[key];
  const time = windowsEventTime(winlog, record, [record['@timestamp']], context.timeZone ?? processTimeZone());
  const event: ParsedEvent = { '@timestamp': time ?? context.receivedAt.toISOString(), event: { kind: 'event' }, winlog };
  if (typeof record.Message === 'string') event.message = record.Message;
  mapWindowsEvent(event, winlog, record);
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
    // Winlogbeat's @timestamp is the event's creation time; an agent document may carry the shipper's
    // time there and the event's own in winlog.time_created or Sysmon's UtcTime.
    const time = windowsEventTime(document.winlog, {}, [document['@timestamp'], document.timestamp], context.timeZone ?? processTimeZone());
    if (time !== undefined) event['@timestamp'] = time;
    mapWindowsEvent(event, document.winlog);
  }
  return event;
}

export const jsonParser = defineParser('json', parseJson);
