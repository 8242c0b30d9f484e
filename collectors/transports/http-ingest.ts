import { setImmediate as nextTurn } from 'node:timers/promises';
import { LagebildError } from '../../core/errors.js';
import { jsonRecordTexts } from '../framing/json-record-texts.js';
import type { IngestSink, MessageMeta } from '../ingest-sink.js';

/** Documented per request (docs/api.md); a bigger batch is refused whole, so a retry never duplicates a part. */
const MAX_RECORDS_PER_REQUEST = 50_000;
/** Records handed over between two turns of the event loop, so that other requests (health, UI) are served. */
const RECORDS_PER_TURN = 1_000;
/** The pipeline drains a full bus within a second or two when its consumers keep up at all. */
const BUSY_RETRY_AFTER_SECONDS = 2;

export interface SourceBinding {
  organizationId: string;
  /** A log source may pin its parser; otherwise records are recognised per record. */
  parser?: string;
}

export type ResolveSourceToken = (token: string) => Promise<SourceBinding | undefined>;

/**
 * HTTP ingest (`POST /api/v1/ingest`) as Fluent Bit's and Vector's HTTP outputs send it: NDJSON
 * (`json_lines`) or one JSON array. A record that is only a carrier of a raw log line — a
 * `message` or `log` string and no ECS `event` — is parsed as that line; any other object is handed
 * on as the text it was sent in, to be read as a JSON event. Records that are not JSON objects go to
 * the dead-letter topic like bad syslog.
 */
export class HttpIngest {
  constructor(
    private readonly sink: IngestSink,
    private readonly resolveToken: ResolveSourceToken,
  ) {}

  async accept(body: string, token: string): Promise<{ accepted: number; rejected: number }> {
    const source = token ? await this.resolveToken(token) : undefined;
    if (!source) throw new LagebildError('invalid_source_token', 'the ingest token is missing or unknown', { status: 401 });
    if (this.sink.saturated) throw new LagebildError('ingest_busy', 'the pipeline is saturated; retry later', { status: 503, retriable: true, details: { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS } });
    const records = recordsWithin(body, MAX_RECORDS_PER_REQUEST);
    const meta: MessageMeta = { transport: 'http', organizationId: source.organizationId };
    let accepted = 0;
    for (let start = 0; start < records.length; start += RECORDS_PER_TURN) {
      if (start > 0) await nextTurn();
      // Once the request is taken it is taken whole: the rest waits for the pipeline like a paused TCP sender.
      if (this.sink.saturated) await new Promise<void>((resolve) => this.sink.onceDrained(resolve));
      for (const text of records.slice(start, start + RECORDS_PER_TURN)) if (this.handOver(text, meta, source.parser)) accepted += 1;
    }
    return { accepted, rejected: records.length - accepted };
  }

  /** True when the record went on as a message, false when it was dead-lettered. */
  private handOver(text: string, meta: MessageMeta, parser: string | undefined): boolean {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.sink.reject(text, `not valid JSON: ${(error as Error).message}`, meta);
      return false;
    }
    const line = rawLineOf(value);
    if (line !== undefined) this.sink.accept(line, { ...meta, parser });
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) this.sink.accept(text, { ...meta, parser: parser ?? 'json' });
    else {
      this.sink.reject(text, 'a record must be a JSON object or a string', meta);
      return false;
    }
    return true;
  }
}

/** Stops reading at the first record beyond `limit`: nothing of an oversized request is handed on. */
function recordsWithin(body: string, limit: number): string[] {
  const records: string[] = [];
  for (const text of jsonRecordTexts(body)) {
    if (records.length === limit) throw new LagebildError('too_many_records', `a request may carry at most ${limit} records; split the batch`, { status: 413, details: { maxRecords: limit } });
    records.push(text);
  }
  return records;
}

function rawLineOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if ('event' in record || '@timestamp' in record) return undefined;
  const carried = record.message ?? record.log;
  return typeof carried === 'string' ? carried : undefined;
}
