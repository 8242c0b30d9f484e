import { expect } from 'chai';
import { ManualClock } from '../../../../core/clock.js';
import type { Organisation } from '../../../../core/domain/organisation.js';
import { SqliteStore } from '../../../../adapters/store/sqlite/sqlite-store.js';
import { silentLogger } from '../../../../core/logging.js';
import { criticalOrganisations } from '../../../../workflows/incident-stories/critical-organisations.js';

function organisation(id: string, critical: boolean): Organisation {
  return { id, name: id, kind: 'municipal', parentId: null, networks: [], domains: [], contacts: [], reportingRegime: 'section17', critical };
}

describe('workflows > incident-stories > critical-organisations', () => {
  it('names the organisations the registry flags, and sees a change within a minute, not before', async () => {
    const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    const clock = new ManualClock('2026-11-20T08:00:00.000Z');
    await store.organisations.upsert(organisation('landratsamt', true));
    await store.organisations.upsert(organisation('moritzburg', false));
    const critical = criticalOrganisations(store, clock);
    expect([...(await critical())]).to.deep.equal(['landratsamt']);

    await store.organisations.upsert(organisation('moritzburg', true));
    clock.advance(30_000);
    expect([...(await critical())]).to.deep.equal(['landratsamt']);
    clock.advance(30_000);
    expect([...(await critical())].sort()).to.deep.equal(['landratsamt', 'moritzburg']);
    await store.close();
  });
});
