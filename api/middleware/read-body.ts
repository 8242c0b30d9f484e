import express, { type RequestHandler } from 'express';
import { LagebildError } from '../../core/errors.js';

/** body-parser (and raw-body below it) name their failures with a `type`; each is the client's fault. */
const READ_FAILURES: Record<string, { code: string; detail: string }> = {
  'entity.parse.failed': { code: 'malformed_json', detail: 'the body is not valid JSON' },
  'entity.too.large': { code: 'payload_too_large', detail: 'the body is larger than allowed (after decompression)' },
  'encoding.unsupported': { code: 'unsupported_encoding', detail: 'the Content-Encoding is not supported (gzip, deflate, br)' },
  'charset.unsupported': { code: 'unsupported_charset', detail: 'the charset is not supported' },
  'request.aborted': { code: 'request_aborted', detail: 'the request was aborted while its body was read' },
  'request.size.invalid': { code: 'bad_request', detail: 'the body does not match its Content-Length' },
};

/**
 * Reads a request body — JSON up to 1 MB, or raw (ingest) up to 10 MB — decompressing gzip, deflate
 * or br as it streams in; both limits count decompressed bytes, so a decompression bomb stops at the
 * limit. Every failure to read becomes a LagebildError with a stable code: a corrupt compressed
 * body is the sender's fault (400), not a server error with a stack trace in the log.
 */
export function readBody(format: 'json' | 'raw'): RequestHandler {
  const parse = format === 'raw' ? express.raw({ type: () => true, limit: '10mb', inflate: true }) : express.json({ limit: '1mb' });
  return (req, res, next) => parse(req, res, (error?: unknown) => next(error === undefined ? undefined : readFailure(error, req.get('content-encoding'))));
}

function readFailure(error: unknown, contentEncoding: string | undefined): unknown {
  const { type, status } = (typeof error === 'object' && error !== null ? error : {}) as { type?: unknown; status?: unknown };
  if (typeof status !== 'number' || status >= 500) return error;
  const known = typeof type === 'string' ? READ_FAILURES[type] : undefined;
  if (known) return new LagebildError(known.code, known.detail, { status, cause: error });
  // Only the decompression stream fails without a `type` (zlib: incorrect header check, unexpected end of file …).
  if (type === undefined && contentEncoding !== undefined) return new LagebildError('corrupt_compressed_body', `the body is not valid ${contentEncoding}`, { status: 400, cause: error });
  return new LagebildError('bad_request', 'the request body could not be read', { status, cause: error });
}
