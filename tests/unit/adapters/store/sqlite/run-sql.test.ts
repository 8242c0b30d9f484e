import { expect } from 'chai';
import Database from 'better-sqlite3';
import { runSql } from '../../../../../adapters/store/sqlite/run-sql.js';
import { ConflictError, LagebildError, UnavailableError } from '../../../../../core/errors.js';

async function failure(work: () => unknown): Promise<unknown> {
  try {
    await runSql(work);
  } catch (error) {
    return error;
  }
  throw new Error('expected runSql to reject');
}

describe('adapters > store > sqlite > runSql', () => {
  it('turns a locked database into a retriable UnavailableError', async () => {
    const error = await failure(() => {
      throw new Database.SqliteError('database is locked', 'SQLITE_BUSY');
    });
    expect(error).to.be.instanceOf(UnavailableError);
    expect((error as LagebildError).retriable).to.equal(true);
  });

  it('turns a broken unique constraint into ConflictError', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (name TEXT UNIQUE)');
    db.exec("INSERT INTO t VALUES ('a')");
    expect(await failure(() => db.exec("INSERT INTO t VALUES ('a')"))).to.be.instanceOf(ConflictError);
    db.close();
  });

  it('turns a bad statement into a non-retriable store_failed error', async () => {
    const db = new Database(':memory:');
    const error = await failure(() => db.prepare('SELECT * FROM missing').all());
    expect(error).to.be.instanceOf(LagebildError);
    expect(error).to.include({ code: 'store_failed', retriable: false });
    db.close();
  });
});
