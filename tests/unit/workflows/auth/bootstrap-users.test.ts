import { expect } from 'chai';
import { SqliteStore } from '../../../../adapters/store/sqlite/sqlite-store.js';
import { ManualClock } from '../../../../core/clock.js';
import { silentLogger } from '../../../../core/logging.js';
import { ensureAdmin, ensureDemoUsers } from '../../../../workflows/auth/bootstrap-users.js';
import { verifyPassword } from '../../../../workflows/auth/password-hash.js';

describe('workflows > auth > bootstrap-users', () => {
  it('creates admin with a one-time password on the first start only', async () => {
    const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    const clock = new ManualClock('2025-01-01T00:00:00Z');
    const created = await ensureAdmin(store, clock);
    expect(created?.username).to.equal('admin');
    const admin = await store.users.findByUsername('admin');
    expect(admin).to.include({ role: 'admin', mustChangePassword: true });
    expect(await verifyPassword(created!.password, admin!.passwordHash)).to.equal(true);
    expect(await ensureAdmin(store, clock)).to.equal(undefined);
    await store.close();
  });

  it('creates demo users once, with the given password and no forced change', async () => {
    const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    const clock = new ManualClock('2025-01-01T00:00:00Z');
    await store.organisations.upsert({ id: 'stadt-a', name: 'Stadt A', kind: 'municipal', parentId: null, networks: [], domains: [], contacts: [], reportingRegime: 'section17', critical: false });
    const users = [
      { username: 'analyst', displayName: 'Tobias Krause', role: 'analyst' as const, organizationId: null },
      { username: 'officer', displayName: 'Erika Muster', role: 'officer' as const, organizationId: 'stadt-a' },
    ];
    await ensureDemoUsers(store, clock, 'demo-password-123', users);
    await ensureDemoUsers(store, clock, 'demo-password-123', users);
    const officer = await store.users.findByUsername('officer');
    expect(officer).to.include({ displayName: 'Erika Muster', organizationId: 'stadt-a', mustChangePassword: false });
    expect(await store.users.list({ kind: 'all' })).to.have.length(2);
    await store.close();
  });
});
