import { LagebildError } from '../../core/errors.js';
import type { IngestSink, MessageMeta } from '../ingest-sink.js';

export interface SourceBinding {
  organizationId: string;
  /** A log source may pin its parser; otherwise records are recognised per record. */
  parser?: string;
}

export type ResolveSourceToken = (token: string) => Promise<SourceBinding | undefined>;

/**
 * HTTP ingest (`POST /api/v1/ingest`) as Fluent Bit's and Vector's HTTP outputs send it: NDJSON
 * (`json_lines`) or one JSON array. A record that is only a carrier of a raw log line — a
 * `message` or `log` string and no ECS `event` — is parsed as that line; any other record is
 * taken as a JSON event. Records that are not JSON go to the dead-letter topic like bad syslog.
 */
export class HttpIngest {
  constructor(
    private readonly sink: IngestSink,
    private readonly resolveToken: ResolveSourceToken,
  ) {}

  async accept(body: string, token: string): Promise<{ accepted: number; rejected: number }> {
    const source = token ? await this.resolveToken(token) : undefined;
    if (!source) throw new LagebildError('invalid_source_token', 'the ingest token is missing or unknown', { status: 401 });
    if (this.sink.saturated) throw new LagebildError('ingest_busy', 'the pipeline is saturated; retry later', { status: 503, retriable: true });
    const meta: MessageMeta = { transport: 'http', organizationId: source.organizationId };
    let accepted = 0;
    let rejected = 0;
    for (const record of splitRecords(body)) {
      if (!record.ok) {
        this.sink.reject(record.raw, record.reason, meta);
        rejected += 1;
        continue;
      }
      const line = rawLineOf(record.value);
      if (line !== undefined) this.sink.accept(line, { ...meta, parser: source.parser });
      else if (record.value !== null && typeof record.value === 'object' && !Array.isArray(record.value)) this.sink.accept(record.text ?? JSON.stringify(record.value), { ...meta, parser: source.parser ?? 'json' });
      else {
        this.sink.reject(JSON.stringify(record.value), 'a record must be a JSON object or a string', meta);
        rejected += 1;
        continue;
      }
      accepted += 1;
    }
    return { accepted, rejected };
  }
}

/** `text` is the record as sent, where the body has it on a line of its own: the event's limits are checked on it. */
type SplitRecord = { ok: true; value: unknown; text?: string } | { ok: false; raw: string; reason: string };

function splitRecords(body: string): SplitRecord[] {
  const trimmed = body.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map((value) => ({ ok: true, value }));
    } catch {
      // Not one array after all: fall through to NDJSON so that good lines survive a bad one.
    }
  }
  return trimmed
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return { ok: true, value: JSON.parse(line) as unknown, text: line };
      } catch (error) {
        return { ok: false, raw: line, reason: `not valid JSON: ${(error as Error).message}` };
      }
    });
}

function rawLineOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if ('event' in record || '@timestamp' in record) return undefined;
  const carried = record.message ?? record.log;
  return typeof carried === 'string' ? carried : undefined;
}
