import { expect } from 'chai';
import { SqliteStore } from '../../../../adapters/store/sqlite/sqlite-store.js';
import { ManualClock } from '../../../../core/clock.js';
import type { Alert } from '../../../../core/domain/alert.js';
import { ALL, organisationScope } from '../../../../core/domain/scope.js';
import type { SuppressionDraft } from '../../../../core/domain/suppression.js';
import { LagebildError, NotFoundError } from '../../../../core/errors.js';
import { silentLogger } from '../../../../core/logging.js';
import type { Principal } from '../../../../workflows/auth/principal.js';
import { createSuppression } from '../../../../workflows/suppressions/create-suppression.js';
import { deleteSuppression } from '../../../../workflows/suppressions/delete-suppression.js';
import { listSuppressions } from '../../../../workflows/suppressions/list-suppressions.js';
import { createSuppressionFilter } from '../../../../workflows/suppressions/suppression-filter.js';

const analyst: Principal = { userId: 'u1', username: 'analyst', role: 'analyst', organizationId: null, scope: ALL };
const officer: Principal = { userId: 'u2', username: 'officer', role: 'officer', organizationId: 'radebeul', scope: organisationScope('radebeul') };

const draft = (overrides: Partial<SuppressionDraft> = {}): SuppressionDraft => ({
  organizationId: 'radebeul',
  ruleId: 'ssh-brute-force',
  conditions: [{ field: 'source.ip', value: '203.0.113.7' }],
  reason: ' the vulnerability scanner ',
  expiresAt: '2026-12-20T09:00:00+01:00',
  ...overrides,
});

const alert = (organizationId: string, sourceIp: string): Alert => ({
  '@timestamp': '2026-11-20T08:00:00.000Z',
  alert: { id: `a-${sourceIp}`, count: 1 },
  rule: { id: 'ssh-brute-force', title: 'SSH brute force', level: 'high', type: 'correlation' },
  event_ids: [],
  group: { 'source.ip': sourceIp },
  organization: { id: organizationId },
  tags: [],
});

async function failure(promise: Promise<unknown>): Promise<LagebildError> {
  const caught = await promise.then(() => undefined, (error: unknown) => error);
  expect(caught).to.be.instanceOf(LagebildError);
  return caught as LagebildError;
}

describe('workflows > suppressions', () => {
  let store: SqliteStore;
  let clock: ManualClock;
  beforeEach(async () => {
    store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    clock = new ManualClock('2026-11-20T08:00:00.000Z');
    for (const id of ['radebeul', 'meissen']) {
      await store.organisations.upsert({ id, name: id, kind: 'municipal', parentId: null, networks: [], domains: [], contacts: [], reportingRegime: 'section17', critical: false });
    }
  });
  afterEach(() => store.close());

  describe('create', () => {
    it('stores the suppression in one spelling of time, trimmed, authored by the caller, and audits it', async () => {
      const created = await createSuppression({ store, clock }, officer, draft());
      expect(created).to.deep.include({ organizationId: 'radebeul', reason: 'the vulnerability scanner', expiresAt: '2026-12-20T08:00:00.000Z', author: 'officer', createdAt: '2026-11-20T08:00:00.000Z' });
      expect(await store.suppressions.get(created.id, ALL)).to.deep.equal(created);
      const [entry] = await store.audit.list({ objectId: created.id });
      expect(entry).to.deep.include({ actor: 'officer', action: 'suppression.create', objectType: 'suppression', organizationId: 'radebeul' });
    });

    it('refuses an officer another organisation or all of them, and creates nothing', async () => {
      expect((await failure(createSuppression({ store, clock }, officer, draft({ organizationId: 'meissen' })))).code).to.equal('suppression_out_of_scope');
      expect((await failure(createSuppression({ store, clock }, officer, draft({ organizationId: null })))).status).to.equal(403);
      expect(await store.suppressions.list(ALL)).to.deep.equal([]);
      expect(await store.audit.list({})).to.deep.equal([]);
    });

    it('lets the CERT suppress for every organisation', async () => {
      expect((await createSuppression({ store, clock }, analyst, draft({ organizationId: null }))).organizationId).to.equal(null);
    });

    it('reports every problem at once, unknown organisation and incident included', async () => {
      const error = await failure(createSuppression({ store, clock }, analyst, draft({ organizationId: 'nowhere', ruleId: undefined, conditions: [], sourceIncidentId: 'missing', expiresAt: '2027-06-01T00:00:00.000Z' })));
      expect({ status: error.status, code: error.code }).to.deep.equal({ status: 422, code: 'suppression_invalid' });
      expect((error.details as { code: string }[]).map((problem) => problem.code)).to.deep.equal([
        'suppression_too_broad',
        'suppression_expiry_too_far',
        'suppression_unknown_organisation',
        'suppression_unknown_incident',
      ]);
    });
  });

  describe('list and delete', () => {
    it('lists the caller\'s scope with whether each is active; delete expires now, once audited', async () => {
      const own = await createSuppression({ store, clock }, officer, draft());
      const all = await createSuppression({ store, clock }, analyst, draft({ organizationId: null }));
      expect((await listSuppressions({ store, clock }, officer)).map((item) => item.suppression.id)).to.deep.equal([own.id]);
      await failure(deleteSuppression({ store, clock }, officer, all.id)).then((error) => expect(error).to.be.instanceOf(NotFoundError));
      clock.advance(60_000);
      expect((await deleteSuppression({ store, clock }, officer, own.id)).expiresAt).to.equal('2026-11-20T08:01:00.000Z');
      clock.advance(60_000);
      expect((await deleteSuppression({ store, clock }, analyst, own.id)).expiresAt, 'a second delete keeps the first time').to.equal('2026-11-20T08:01:00.000Z');
      expect((await store.audit.list({ objectId: own.id })).map((entry) => entry.action)).to.deep.equal(['suppression.create', 'suppression.delete']);
      const listed = await listSuppressions({ store, clock }, analyst);
      expect(listed.map((item) => [item.suppression.id, item.active])).to.have.deep.members([
        [own.id, false],
        [all.id, true],
      ]);
    });
  });

  describe('filter', () => {
    it('names the matching suppression and asks the store at most once per refresh interval', async () => {
      let asked = 0;
      const counting = { suppressions: { active: (now: Date) => ((asked += 1), store.suppressions.active(now)) } };
      const filter = createSuppressionFilter({ store: counting, clock, refreshMs: 10_000 });
      expect(await filter.isSuppressed(alert('radebeul', '203.0.113.7'))).to.equal(undefined);
      const created = await createSuppression({ store, clock }, analyst, draft());
      expect(await filter.isSuppressed(alert('radebeul', '203.0.113.7')), 'the cached list is still empty').to.equal(undefined);
      clock.advance(10_000);
      expect(await filter.isSuppressed(alert('radebeul', '203.0.113.7'))).to.equal(created.id);
      expect(await filter.isSuppressed(alert('meissen', '203.0.113.7'))).to.equal(undefined);
      expect(await filter.isSuppressed(alert('radebeul', '203.0.113.8'))).to.equal(undefined);
      expect(asked).to.equal(2);
    });

    it('shares one store request among concurrent callers and stops matching at expiry without a refresh', async () => {
      const created = await createSuppression({ store, clock }, analyst, draft({ expiresAt: '2026-11-20T08:00:05.000Z' }));
      let asked = 0;
      const counting = { suppressions: { active: (now: Date) => ((asked += 1), store.suppressions.active(now)) } };
      const filter = createSuppressionFilter({ store: counting, clock });
      const answers = await Promise.all([1, 2, 3].map(() => filter.isSuppressed(alert('radebeul', '203.0.113.7'))));
      expect(answers).to.deep.equal([created.id, created.id, created.id]);
      expect(asked).to.equal(1);
      clock.advance(5_000);
      expect(await filter.isSuppressed(alert('radebeul', '203.0.113.7'))).to.equal(undefined);
      expect(asked).to.equal(1);
    });
  });
});
