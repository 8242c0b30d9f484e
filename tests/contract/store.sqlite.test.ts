import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { ALL } from '../../core/domain/scope.js';
import { silentLogger } from '../../core/logging.js';
import type { IncidentAlertUpdate } from '../../core/ports/stores.js';
import { storeContract } from './store.contract.js';

function temporaryDirectory(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'lagebild-store-'));
}

storeContract('sqlite', async () => {
  const directory = temporaryDirectory();
  const store = new SqliteStore({ path: path.join(directory, 'lagebild.db'), logger: silentLogger() });
  await store.init();
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

storeContract('sqlite in memory', async () => {
  const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
  await store.init();
  return { store, cleanup: () => store.close() };
});

/** The same alert of incident inc-1, recorded at `now`. */
function sshAlert(now: string): IncidentAlertUpdate {
  return {
    incidentId: 'inc-1',
    title: 'SSH brute force',
    organizationId: 'org-a',
    ruleId: 'rule-ssh',
    ruleTitle: 'SSH brute force',
    entity: 'source.ip=203.0.113.7',
    severity: 'high',
    alertId: 'al-1',
    eventCount: 1,
    at: '2025-03-01T10:00:00.000Z',
    tags: [],
    now,
  };
}

describe('contract > store > sqlite > restart', () => {
  let directory: string;

  beforeEach(() => {
    directory = temporaryDirectory();
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('keeps everything across a close and reopen of the file', async () => {
    const file = path.join(directory, 'nested', 'lagebild.db');
    const first = new SqliteStore({ path: file, logger: silentLogger() });
    await first.init();
    await first.events.putMany([{ '@timestamp': '2025-03-01T10:00:00.000Z', event: { id: 'e1' }, organization: { id: 'org-a' } }]);
    await first.incidents.recordAlert(sshAlert('2025-03-01T10:00:01.000Z'));
    const appended = await first.audit.append({ actor: 'analyst', action: 'incident.update', objectType: 'incident', objectId: 'inc-1' }, '2025-03-01T10:01:00.000Z');
    expect(await first.leases.acquire('retention', 'node-1', new Date('2025-03-01T10:00:00Z'), new Date('2025-03-01T11:00:00Z'))).to.equal(true);
    await first.close();

    const second = new SqliteStore({ path: file, logger: silentLogger() });
    await second.init();
    try {
      expect((await second.events.getMany(['e1'], ALL)).map((e) => e.event.id)).to.deep.equal(['e1']);
      expect((await second.incidents.get('inc-1', ALL))?.alertIds).to.deep.equal(['al-1']);
      // The redelivered alert after a restart still counts once.
      await second.incidents.recordAlert(sshAlert('2025-03-01T10:05:00.000Z'));
      expect((await second.incidents.get('inc-1', ALL))?.alertCount).to.equal(1);
      const next = await second.audit.append({ actor: 'analyst', action: 'incident.close', objectType: 'incident', objectId: 'inc-1' }, '2025-03-01T10:02:00.000Z');
      expect(next.seq).to.equal(2);
      expect(next.prevHash).to.equal(appended.hash);
      expect(await second.leases.acquire('retention', 'node-2', new Date('2025-03-01T10:30:00Z'), new Date('2025-03-01T11:30:00Z'))).to.equal(false);
    } finally {
      await second.close();
    }
  });
});
