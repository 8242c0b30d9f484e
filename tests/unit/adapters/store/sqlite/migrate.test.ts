import { expect } from 'chai';
import Database from 'better-sqlite3';
import { migrate } from '../../../../../adapters/store/sqlite/migrate.js';

describe('adapters > store > sqlite > migrate', () => {
  it('applies every migration once, records it and sets user_version', () => {
    const db = new Database(':memory:');
    const applied = migrate(db);
    expect(applied).to.deep.equal(Array.from({ length: applied.length }, (_, i) => i + 1));
    expect(applied.length).to.be.greaterThan(0);
    expect(db.pragma('user_version', { simple: true })).to.equal(applied.length);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).to.deep.equal(applied.map((version) => ({ version })));
    expect(migrate(db)).to.deep.equal([]);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((row) => row.name);
    expect(tables).to.include.members(['events', 'alerts', 'incidents', 'incident_alerts', 'incident_organisations', 'organisations', 'users', 'audit', 'leases']);
    db.close();
  });
});
