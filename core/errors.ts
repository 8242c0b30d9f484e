/**
 * Every error that crosses a module boundary is a LagebildError: it carries a stable `code`
 * (API clients and metrics key on it) and says whether retrying can help. Retry logic trusts
 * the flag: retriable means "do not commit, try again"; not retriable means "dead-letter and move on".
 */
export class LagebildError extends Error {
  readonly code: string;
  readonly retriable: boolean;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: string, message: string, options: { retriable?: boolean; status?: number; details?: unknown; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LagebildError';
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.status = options.status ?? 500;
    this.details = options.details;
  }
}

export class ValidationError extends LagebildError {
  constructor(message: string, details?: unknown) {
    super('validation_failed', message, { status: 400, details });
  }
}

export class NotFoundError extends LagebildError {
  constructor(what: string) {
    super('not_found', `${what} not found`, { status: 404 });
  }
}

export class ConflictError extends LagebildError {
  constructor(message: string) {
    super('conflict', message, { status: 409 });
  }
}

export class UnavailableError extends LagebildError {
  constructor(what: string, cause?: unknown) {
    super('unavailable', `${what} is not available`, { retriable: true, status: 503, cause });
  }
}

/**
 * A batch write in which the store refused some documents for their content (a mapping conflict)
 * after writing the others: the caller dead-letters exactly those, never their batch neighbours.
 */
export class RejectedDocumentsError extends LagebildError {
  constructor(
    what: string,
    readonly rejected: readonly { id: string; reason: string }[],
  ) {
    super('store_rejected', `${what}: ${rejected.length} documents rejected, first: ${rejected[0]?.reason ?? 'unknown'}`, { status: 400, details: rejected });
  }
}

/** Unknown errors (library bugs, programming errors) are treated as retriable only when told so. */
export function isRetriable(error: unknown): boolean {
  return error instanceof LagebildError ? error.retriable : false;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
