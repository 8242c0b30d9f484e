import Database from 'better-sqlite3';
import { ConflictError, LagebildError, UnavailableError } from '../../../core/errors.js';

/** Locked or full databases recover on their own; a broken constraint or query does not. */
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|FULL)/;

/**
 * Runs a synchronous better-sqlite3 call and turns its errors into LagebildErrors, so that no
 * library error type leaves the adapter and retry logic can trust the `retriable` flag.
 */
export async function runSql<T>(work: () => T): Promise<T> {
  try {
    return work();
  } catch (error) {
    if (error instanceof LagebildError || !(error instanceof Database.SqliteError)) throw error;
    if (TRANSIENT.test(error.code)) throw new UnavailableError('sqlite store', error);
    if (error.code.startsWith('SQLITE_CONSTRAINT')) throw new ConflictError(error.message);
    throw new LagebildError('store_failed', error.message, { cause: error });
  }
}
