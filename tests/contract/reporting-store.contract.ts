import { expect } from 'chai';
import type { Report, ReportContent, ReportObligation, ReportVersion } from '../../core/domain/report.js';
import { ALL, organisationScope } from '../../core/domain/scope.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import type { ReportingStores } from '../../core/ports/reporting-stores.js';
import { allPages } from '../support/all-pages.js';

export interface ReportingStoresUnderTest {
  stores: ReportingStores;
  cleanup(): Promise<void>;
}

const ORG_A = 'org-a';
const ORG_B = 'org-b';
const officerA = organisationScope(ORG_A);
const officerB = organisationScope(ORG_B);

function at(minute: number): string {
  return new Date(Date.UTC(2025, 2, 1, 8, minute)).toISOString();
}

function obligation(id: string, organizationId: string, createdAt: string, changes: Partial<ReportObligation> = {}): ReportObligation {
  return {
    id,
    organizationId,
    incidentId: null,
    regime: 'section17',
    awarenessAt: '2025-03-01T07:00:00.000Z',
    deadlines: [
      { phase: 'early_warning', dueAt: '2025-03-02T07:00:00.000Z', submittedAt: null, reportId: null },
      { phase: 'notification', dueAt: '2025-03-04T07:00:00.000Z', submittedAt: null, reportId: null },
    ],
    createdAt,
    createdBy: 'analyst',
    requestedByCert: true,
    updatedAt: createdAt,
    revision: 1,
    ...changes,
  };
}

function submitted(item: ReportObligation, when: string): ReportObligation {
  return { ...item, deadlines: item.deadlines.map((deadline) => ({ ...deadline, submittedAt: when, reportId: `r-${deadline.phase}` })), updatedAt: when, revision: item.revision + 1 };
}

function report(id: string, organizationId: string, obligationId: string, createdAt: string, changes: Partial<Report> = {}): Report {
  return {
    id,
    organizationId,
    obligationId,
    phase: 'early_warning',
    draft: { description: 'Verschlüsselte Dateien auf dem Fileserver', categories: ['malware_installed'], reporter: { name: 'Erika Muster' } },
    draftSavedAt: createdAt,
    currentVersion: 0,
    createdAt,
    createdBy: 'officer',
    acknowledgedAt: null,
    acknowledgedBy: null,
    certTier: null,
    incidentIds: [],
    feedback: [],
    updatedAt: createdAt,
    revision: 1,
    ...changes,
  };
}

function content(description: string): ReportContent {
  const person = { name: 'Erika Muster', email: 'isb@org-a.example' };
  return {
    reporter: person,
    isbContact: person,
    awarenessAt: '2025-03-01T07:00:00.000Z',
    startedAt: null,
    endedAt: null,
    tier: 'sicherheitsvorfall',
    categories: ['malware_installed'],
    description,
    suspectedMaliciousAct: true,
    affectedSystems: ['fileserver'],
    protectionGoals: ['availability'],
    impactOnOtherAuthorities: '',
    personalData: {
      affected: false,
      subjectCategories: [],
      approxSubjects: null,
      recordCategories: [],
      approxRecords: null,
      likelyConsequences: '',
      authorityNotifiedAt: null,
      delayReason: '',
    },
    indicatorsOfCompromise: ['203.0.113.7'],
    measuresTaken: 'Server vom Netz genommen',
    measuresPlanned: '',
    rootCause: '',
    ongoing: false,
    supportRequested: '',
    tlp: 'TLP:AMBER',
  };
}

function version(reportId: string, organizationId: string, number: number, description = `Fassung ${number}`): ReportVersion {
  return { reportId, organizationId, version: number, content: content(description), submittedAt: at(30 + number), submittedBy: 'officer' };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

/**
 * The behaviour of core/ports/reporting-stores.ts that every store adapter must show. `factory`
 * returns fresh, initialised, empty stores; reads must see every write that completed before them.
 */
export function reportingStoreContract(name: string, factory: () => Promise<ReportingStoresUnderTest>): void {
  describe(`contract > reporting stores > ${name}`, function () {
    this.timeout(60_000);
    let stores: ReportingStores;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ stores, cleanup } = await factory());
    });

    afterEach(async () => {
      await cleanup();
    });

    describe('obligations', () => {
      it('returns an obligation as written to the CERT and its own organisation, to no one else', async () => {
        const written = obligation('ob-1', ORG_A, at(0), { incidentId: 'inc-1' });
        await stores.obligations.create(written);
        expect(await stores.obligations.get('ob-1', ALL)).to.deep.equal(written);
        expect(await stores.obligations.get('ob-1', officerA)).to.deep.equal(written);
        expect(await stores.obligations.get('ob-1', officerB)).to.equal(undefined);
        expect(await stores.obligations.get('ob-unknown', ALL)).to.equal(undefined);
      });

      it('refuses a second obligation with the same id and keeps the first', async () => {
        await stores.obligations.create(obligation('ob-1', ORG_A, at(0)));
        expect(await failure(stores.obligations.create(obligation('ob-1', ORG_B, at(1))))).to.be.instanceOf(ConflictError);
        expect((await stores.obligations.get('ob-1', ALL))?.organizationId).to.equal(ORG_A);
      });

      it('lists oldest first, within the scope, by organisation, incident and openness', async () => {
        await stores.obligations.create(obligation('ob-3', ORG_A, at(3), { incidentId: 'inc-2' }));
        await stores.obligations.create(obligation('ob-1', ORG_A, at(1), { incidentId: 'inc-1' }));
        await stores.obligations.create(obligation('ob-2', ORG_B, at(2), { incidentId: 'inc-1' }));
        await stores.obligations.create(submitted(obligation('ob-4', ORG_A, at(4)), at(5)));

        const all = await stores.obligations.list({}, ALL);
        expect(ids(all.items)).to.deep.equal(['ob-1', 'ob-2', 'ob-3', 'ob-4']);
        expect(all.total).to.equal(4);
        expect(all.nextCursor).to.equal(undefined);
        expect(all.items[0]).to.deep.equal(obligation('ob-1', ORG_A, at(1), { incidentId: 'inc-1' }));

        const ofA = await stores.obligations.list({}, officerA);
        expect(ids(ofA.items)).to.deep.equal(['ob-1', 'ob-3', 'ob-4']);
        expect(ofA.total).to.equal(3);
        expect(ids((await stores.obligations.list({}, officerB)).items)).to.deep.equal(['ob-2']);
        // Naming another organisation does not widen an officer's scope.
        expect((await stores.obligations.list({ organizationId: ORG_A }, officerB)).total).to.equal(0);

        expect(ids((await stores.obligations.list({ organizationId: ORG_B }, ALL)).items)).to.deep.equal(['ob-2']);
        expect(ids((await stores.obligations.list({ incidentId: 'inc-1' }, ALL)).items)).to.deep.equal(['ob-1', 'ob-2']);
        expect(ids((await stores.obligations.list({ incidentId: 'inc-1' }, officerA)).items)).to.deep.equal(['ob-1']);
        expect(ids((await stores.obligations.list({ open: true }, ALL)).items)).to.deep.equal(['ob-1', 'ob-2', 'ob-3']);
        expect(ids((await stores.obligations.list({ open: false }, ALL)).items)).to.deep.equal(['ob-4']);
        expect(ids((await stores.obligations.list({ open: true, organizationId: ORG_A, incidentId: 'inc-2' }, ALL)).items)).to.deep.equal(['ob-3']);
      });

      it('pages oldest first without gaps or repeats, ties broken by id, with an exact total', async () => {
        for (const [id, minute] of [['ob-e', 2], ['ob-a', 0], ['ob-d', 1], ['ob-c', 1], ['ob-b', 1]] as const) {
          await stores.obligations.create(obligation(id, ORG_A, at(minute)));
        }
        const { items, pages, totals } = await allPages((cursor) => stores.obligations.list({ limit: 2, ...(cursor === undefined ? {} : { cursor }) }, ALL));
        expect(ids(items)).to.deep.equal(['ob-a', 'ob-b', 'ob-c', 'ob-d', 'ob-e']);
        expect(pages).to.equal(3);
        expect(totals).to.deep.equal([5, 5, 5]);
      });

      it('refuses a cursor it did not make', async () => {
        expect(await failure(stores.obligations.list({ cursor: 'not-a-cursor' }, ALL))).to.be.instanceOf(ValidationError);
      });

      it('saves a new state only over the revision it was read at', async () => {
        const first = obligation('ob-1', ORG_A, at(0));
        await stores.obligations.create(first);
        const requested = { ...first, deadlines: [...first.deadlines, { phase: 'intermediate' as const, dueAt: '2025-03-10T07:00:00.000Z', submittedAt: null, reportId: null }], updatedAt: at(10), revision: 2 };
        await stores.obligations.save(requested, 1, ALL);
        expect(await stores.obligations.get('ob-1', ALL)).to.deep.equal(requested);

        const stale = { ...first, updatedAt: at(11), revision: 2 };
        expect(await failure(stores.obligations.save(stale, 1, ALL))).to.be.instanceOf(ConflictError);
        expect(await stores.obligations.get('ob-1', ALL)).to.deep.equal(requested);
      });

      it('lets exactly one of two saves over the same revision win', async () => {
        const first = obligation('ob-1', ORG_A, at(0));
        await stores.obligations.create(first);
        const outcomes = await Promise.allSettled([
          stores.obligations.save({ ...first, createdBy: 'one', revision: 2 }, 1, ALL),
          stores.obligations.save({ ...first, createdBy: 'two', revision: 2 }, 1, ALL),
        ]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).to.have.length(1);
        const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
        expect(rejected?.status === 'rejected' ? rejected.reason : undefined).to.be.instanceOf(ConflictError);
        const saved = await stores.obligations.get('ob-1', ALL);
        expect(saved?.revision).to.equal(2);
        expect(['one', 'two']).to.include(saved?.createdBy);
      });

      it('moves an obligation out of the open list once every phase is submitted', async () => {
        const first = obligation('ob-1', ORG_A, at(0));
        await stores.obligations.create(first);
        await stores.obligations.save(submitted(first, at(20)), 1, officerA);
        expect((await stores.obligations.list({ open: true }, ALL)).total).to.equal(0);
        expect(ids((await stores.obligations.list({ open: false }, ALL)).items)).to.deep.equal(['ob-1']);
      });

      it('does not let an officer save another organisation’s obligation', async () => {
        const first = obligation('ob-1', ORG_A, at(0));
        await stores.obligations.create(first);
        expect(await failure(stores.obligations.save({ ...first, createdBy: 'intruder', revision: 2 }, 1, officerB))).to.be.instanceOf(NotFoundError);
        expect(await failure(stores.obligations.save(obligation('ob-unknown', ORG_A, at(0), { revision: 2 }), 1, ALL))).to.be.instanceOf(NotFoundError);
        expect(await stores.obligations.get('ob-1', ALL)).to.deep.equal(first);
      });
    });

    describe('reports', () => {
      it('returns a report as written to the CERT and its own organisation, to no one else', async () => {
        const written = report('r-1', ORG_A, 'ob-1', at(0), { incidentIds: ['inc-1'] });
        await stores.reports.create(written);
        expect(await stores.reports.get('r-1', ALL)).to.deep.equal(written);
        expect(await stores.reports.get('r-1', officerA)).to.deep.equal(written);
        expect(await stores.reports.get('r-1', officerB)).to.equal(undefined);
        expect(await stores.reports.get('r-unknown', ALL)).to.equal(undefined);
      });

      it('refuses a second report with the same id and keeps the first', async () => {
        await stores.reports.create(report('r-1', ORG_A, 'ob-1', at(0)));
        expect(await failure(stores.reports.create(report('r-1', ORG_B, 'ob-2', at(1))))).to.be.instanceOf(ConflictError);
        expect((await stores.reports.get('r-1', ALL))?.organizationId).to.equal(ORG_A);
      });

      it('lists newest first, within the scope, by organisation, obligation, phase, submission and acknowledgement', async () => {
        await stores.reports.create(report('r-1', ORG_A, 'ob-1', at(1)));
        await stores.reports.create(report('r-2', ORG_A, 'ob-1', at(2), { phase: 'notification', currentVersion: 1 }));
        await stores.reports.create(report('r-3', ORG_B, 'ob-2', at(3), { currentVersion: 2, acknowledgedAt: at(40), acknowledgedBy: 'analyst' }));
        await stores.reports.create(report('r-4', ORG_A, 'ob-3', at(4), { phase: 'final', currentVersion: 1, acknowledgedAt: at(41), acknowledgedBy: 'analyst' }));

        const all = await stores.reports.list({}, ALL);
        expect(ids(all.items)).to.deep.equal(['r-4', 'r-3', 'r-2', 'r-1']);
        expect(all.total).to.equal(4);
        expect(all.items[1]).to.deep.equal(report('r-3', ORG_B, 'ob-2', at(3), { currentVersion: 2, acknowledgedAt: at(40), acknowledgedBy: 'analyst' }));

        expect(ids((await stores.reports.list({}, officerA)).items)).to.deep.equal(['r-4', 'r-2', 'r-1']);
        const ofB = await stores.reports.list({}, officerB);
        expect(ids(ofB.items)).to.deep.equal(['r-3']);
        expect(ofB.total).to.equal(1);
        expect((await stores.reports.list({ organizationId: ORG_A }, officerB)).total).to.equal(0);
        expect((await stores.reports.list({ obligationId: 'ob-1' }, officerB)).total).to.equal(0);

        expect(ids((await stores.reports.list({ organizationId: ORG_B }, ALL)).items)).to.deep.equal(['r-3']);
        expect(ids((await stores.reports.list({ obligationId: 'ob-1' }, ALL)).items)).to.deep.equal(['r-2', 'r-1']);
        expect(ids((await stores.reports.list({ phase: ['early_warning'] }, ALL)).items)).to.deep.equal(['r-3', 'r-1']);
        expect(ids((await stores.reports.list({ phase: ['notification', 'final'] }, ALL)).items)).to.deep.equal(['r-4', 'r-2']);
        expect(ids((await stores.reports.list({ phase: [] }, ALL)).items)).to.deep.equal(['r-4', 'r-3', 'r-2', 'r-1']);
        expect(ids((await stores.reports.list({ submitted: true }, ALL)).items)).to.deep.equal(['r-4', 'r-3', 'r-2']);
        expect(ids((await stores.reports.list({ submitted: false }, ALL)).items)).to.deep.equal(['r-1']);
        expect(ids((await stores.reports.list({ acknowledged: true }, ALL)).items)).to.deep.equal(['r-4', 'r-3']);
        expect(ids((await stores.reports.list({ acknowledged: false }, ALL)).items)).to.deep.equal(['r-2', 'r-1']);
        expect(ids((await stores.reports.list({ submitted: true, acknowledged: false, obligationId: 'ob-1', phase: ['notification'] }, officerA)).items)).to.deep.equal(['r-2']);
      });

      it('pages newest first without gaps or repeats, ties broken by id, with an exact total', async () => {
        for (const [id, minute] of [['r-a', 0], ['r-e', 2], ['r-b', 1], ['r-d', 1], ['r-c', 1]] as const) {
          await stores.reports.create(report(id, ORG_A, 'ob-1', at(minute)));
        }
        const { items, pages, totals } = await allPages((cursor) => stores.reports.list({ limit: 2, ...(cursor === undefined ? {} : { cursor }) }, officerA));
        expect(ids(items)).to.deep.equal(['r-e', 'r-d', 'r-c', 'r-b', 'r-a']);
        expect(pages).to.equal(3);
        expect(totals).to.deep.equal([5, 5, 5]);
        expect(await failure(stores.reports.list({ cursor: 'not-a-cursor' }, ALL))).to.be.instanceOf(ValidationError);
      });

      it('replaces the draft on each save, over the revision it was read at', async () => {
        const first = report('r-1', ORG_A, 'ob-1', at(0));
        await stores.reports.create(first);
        // The new draft has no categories: a save replaces the draft, it does not merge into it.
        const second = { ...first, draft: { description: 'Nur der Fileserver ist betroffen' }, draftSavedAt: at(5), updatedAt: at(5), revision: 2 };
        await stores.reports.save(second, 1, officerA);
        expect(await stores.reports.get('r-1', officerA)).to.deep.equal(second);
        const third = { ...second, draft: { description: 'Fileserver und Backup betroffen', affectedSystems: ['fileserver', 'backup'] }, draftSavedAt: at(6), updatedAt: at(6), revision: 3 };
        await stores.reports.save(third, 2, officerA);
        expect(await stores.reports.get('r-1', ALL)).to.deep.equal(third);

        expect(await failure(stores.reports.save({ ...second, draft: { description: 'veraltet' }, revision: 3 }, 2, officerA))).to.be.instanceOf(ConflictError);
        expect(await stores.reports.get('r-1', ALL)).to.deep.equal(third);
      });

      it('keeps the CERT’s handling and the submission state it saves', async () => {
        const first = report('r-1', ORG_A, 'ob-1', at(0));
        await stores.reports.create(first);
        const handled: Report = {
          ...first,
          currentVersion: 1,
          draft: null,
          acknowledgedAt: at(50),
          acknowledgedBy: 'analyst',
          certTier: 'erheblicher_sicherheitsvorfall',
          incidentIds: ['inc-1', 'inc-2'],
          feedback: [{ id: 'fb-1', authorName: 'SAX.CERT', body: 'Bitte IoCs nachreichen', at: at(51) }],
          updatedAt: at(51),
          revision: 2,
        };
        await stores.reports.save(handled, 1, ALL);
        expect(await stores.reports.get('r-1', officerA)).to.deep.equal(handled);
        expect(ids((await stores.reports.list({ submitted: true, acknowledged: true }, ALL)).items)).to.deep.equal(['r-1']);
      });

      it('lets exactly one of two saves over the same revision win', async () => {
        const first = report('r-1', ORG_A, 'ob-1', at(0));
        await stores.reports.create(first);
        const outcomes = await Promise.allSettled([
          stores.reports.save({ ...first, draft: { description: 'eins' }, revision: 2 }, 1, officerA),
          stores.reports.save({ ...first, draft: { description: 'zwei' }, revision: 2 }, 1, officerA),
        ]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).to.have.length(1);
        const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
        expect(rejected?.status === 'rejected' ? rejected.reason : undefined).to.be.instanceOf(ConflictError);
        expect(['eins', 'zwei']).to.include((await stores.reports.get('r-1', ALL))?.draft?.description);
      });

      it('does not let an officer save another organisation’s report', async () => {
        const first = report('r-1', ORG_A, 'ob-1', at(0));
        await stores.reports.create(first);
        expect(await failure(stores.reports.save({ ...first, draft: { description: 'fremd' }, revision: 2 }, 1, officerB))).to.be.instanceOf(NotFoundError);
        expect(await failure(stores.reports.save(report('r-unknown', ORG_A, 'ob-1', at(0), { revision: 2 }), 1, ALL))).to.be.instanceOf(NotFoundError);
        expect(await stores.reports.get('r-1', ALL)).to.deep.equal(first);
      });
    });

    describe('report versions', () => {
      it('returns the versions oldest first, whatever order they were written in', async () => {
        await stores.reports.create(report('r-1', ORG_A, 'ob-1', at(0)));
        await stores.reports.appendVersion(version('r-1', ORG_A, 2));
        await stores.reports.appendVersion(version('r-1', ORG_A, 1));
        await stores.reports.appendVersion(version('r-2', ORG_A, 1));
        await stores.reports.appendVersion(version('r-1', ORG_A, 3));
        expect(await stores.reports.versions('r-1', officerA)).to.deep.equal([version('r-1', ORG_A, 1), version('r-1', ORG_A, 2), version('r-1', ORG_A, 3)]);
        expect(await stores.reports.versions('r-unknown', ALL)).to.deep.equal([]);
      });

      it('refuses a version number that is taken and never changes the version written first', async () => {
        await stores.reports.appendVersion(version('r-1', ORG_A, 1, 'Ransomware auf dem Fileserver'));
        expect(await failure(stores.reports.appendVersion(version('r-1', ORG_A, 1, 'überschrieben')))).to.be.instanceOf(ConflictError);
        expect(await failure(stores.reports.appendVersion({ ...version('r-1', ORG_A, 1), submittedBy: 'someone else' }))).to.be.instanceOf(ConflictError);
        expect(await stores.reports.versions('r-1', ALL)).to.deep.equal([version('r-1', ORG_A, 1, 'Ransomware auf dem Fileserver')]);
      });

      it('lets exactly one of two submissions of the same version number win', async () => {
        const outcomes = await Promise.allSettled([stores.reports.appendVersion(version('r-1', ORG_A, 1, 'eins')), stores.reports.appendVersion(version('r-1', ORG_A, 1, 'zwei'))]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).to.have.length(1);
        const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
        expect(rejected?.status === 'rejected' ? rejected.reason : undefined).to.be.instanceOf(ConflictError);
        const versions = await stores.reports.versions('r-1', ALL);
        expect(versions).to.have.length(1);
        const winner = outcomes[0]?.status === 'fulfilled' ? 'eins' : 'zwei';
        expect(versions[0]?.content.description).to.equal(winner);
      });

      it('shows versions to the CERT and their own organisation only', async () => {
        await stores.reports.appendVersion(version('r-1', ORG_A, 1));
        await stores.reports.appendVersion(version('r-2', ORG_B, 1));
        expect(await stores.reports.versions('r-1', officerB)).to.deep.equal([]);
        expect(await stores.reports.versions('r-2', officerA)).to.deep.equal([]);
        expect(await stores.reports.versions('r-1', ALL)).to.have.length(1);
        expect(await stores.reports.versions('r-2', officerB)).to.have.length(1);
      });
    });

    describe('sent notifications', () => {
      const now = new Date('2025-03-01T10:00:00.000Z');
      const fifteenMinutesBefore = (time: Date) => new Date(time.getTime() - 15 * 60_000);
      const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

      it('grants a claim once until it goes stale, and never after it was marked sent', async () => {
        expect(await stores.sentNotifications.claim('reminder:ob-1:early_warning', now, fifteenMinutesBefore(now))).to.equal(true);
        expect(await stores.sentNotifications.claim('reminder:ob-1:early_warning', later(1), fifteenMinutesBefore(later(1)))).to.equal(false);
        expect(await stores.sentNotifications.wasSent('reminder:ob-1:early_warning')).to.equal(false);
        // Other keys are independent.
        expect(await stores.sentNotifications.claim('reminder:ob-1:notification', later(1), fifteenMinutesBefore(later(1)))).to.equal(true);

        await stores.sentNotifications.markSent('reminder:ob-1:early_warning', later(2));
        expect(await stores.sentNotifications.wasSent('reminder:ob-1:early_warning')).to.equal(true);
        expect(await stores.sentNotifications.wasSent('reminder:ob-1:notification')).to.equal(false);
        expect(await stores.sentNotifications.claim('reminder:ob-1:early_warning', later(60), fifteenMinutesBefore(later(60)))).to.equal(false);
        expect(await stores.sentNotifications.wasSent('unknown')).to.equal(false);
      });

      it('lets a claim never marked sent be taken again once it is older than staleBefore, by one taker', async () => {
        expect(await stores.sentNotifications.claim('escalation:ob-1', now, fifteenMinutesBefore(now))).to.equal(true);
        expect(await stores.sentNotifications.claim('escalation:ob-1', later(14), fifteenMinutesBefore(later(14)))).to.equal(false);
        expect(await stores.sentNotifications.claim('escalation:ob-1', later(16), fifteenMinutesBefore(later(16)))).to.equal(true);
        expect(await stores.sentNotifications.claim('escalation:ob-1', later(17), fifteenMinutesBefore(later(17)))).to.equal(false);
        await stores.sentNotifications.markSent('escalation:ob-1', later(18));
        expect(await stores.sentNotifications.wasSent('escalation:ob-1')).to.equal(true);
      });

      it('gives exactly one of two simultaneous claims of a key', async () => {
        const results = await Promise.all([
          stores.sentNotifications.claim('digest:2025-03-01', now, fifteenMinutesBefore(now)),
          stores.sentNotifications.claim('digest:2025-03-01', now, fifteenMinutesBefore(now)),
          stores.sentNotifications.claim('digest:2025-03-01', now, fifteenMinutesBefore(now)),
        ]);
        expect(results.filter(Boolean)).to.have.length(1);
      });

      it('gives exactly one of two simultaneous takers a stale claim', async () => {
        expect(await stores.sentNotifications.claim('escalation:ob-2', now, fifteenMinutesBefore(now))).to.equal(true);
        const results = await Promise.all([
          stores.sentNotifications.claim('escalation:ob-2', later(20), fifteenMinutesBefore(later(20))),
          stores.sentNotifications.claim('escalation:ob-2', later(20), fifteenMinutesBefore(later(20))),
        ]);
        expect(results.filter(Boolean)).to.have.length(1);
      });

      it('lets a released claim be taken again at once, but never releases a sent one', async () => {
        expect(await stores.sentNotifications.claim('reminder:ob-1:final', now, fifteenMinutesBefore(now))).to.equal(true);
        await stores.sentNotifications.release('reminder:ob-1:final');
        expect(await stores.sentNotifications.wasSent('reminder:ob-1:final')).to.equal(false);
        expect(await stores.sentNotifications.claim('reminder:ob-1:final', later(1), fifteenMinutesBefore(later(1)))).to.equal(true);
        await stores.sentNotifications.markSent('reminder:ob-1:final', later(2));
        await stores.sentNotifications.release('reminder:ob-1:final');
        expect(await stores.sentNotifications.wasSent('reminder:ob-1:final')).to.equal(true);
        expect(await stores.sentNotifications.claim('reminder:ob-1:final', later(60), fifteenMinutesBefore(later(60)))).to.equal(false);
        // Releasing what was never claimed is harmless.
        await stores.sentNotifications.release('never-claimed');
        expect(await stores.sentNotifications.claim('never-claimed', now, fifteenMinutesBefore(now))).to.equal(true);
      });
    });
  });
}
