/**
 * HTTP ingest, implemented by the collectors and handed to the API by the composition root.
 * `body` is NDJSON or a JSON array, already decompressed; an unknown or missing source token
 * throws LagebildError `invalid_source_token` (401).
 */
export interface IngestHandler {
  accept(body: string, token: string): Promise<{ accepted: number; rejected: number }>;
}
