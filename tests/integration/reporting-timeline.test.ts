import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { SmtpMailer } from '../../adapters/mail/smtp-mailer.js';
import { SqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { ManualClock } from '../../core/clock.js';
import type { Organisation } from '../../core/domain/organisation.js';
import type { ReportDraft } from '../../core/domain/report.js';
import { ALL, organisationScope } from '../../core/domain/scope.js';
import { LagebildError } from '../../core/errors.js';
import { silentLogger } from '../../core/logging.js';
import type { Principal } from '../../workflows/auth/principal.js';
import { Scheduler, JOBS } from '../../workflows/jobs/scheduler.js';
import { acknowledgeReport } from '../../workflows/reporting/acknowledge-report.js';
import { classifyReport } from '../../workflows/reporting/classify-report.js';
import { createObligation } from '../../workflows/reporting/create-obligation.js';
import { createReport } from '../../workflows/reporting/create-report.js';
import { getReportDetail } from '../../workflows/reporting/get-report-detail.js';
import { giveReportFeedback } from '../../workflows/reporting/give-report-feedback.js';
import { requestIntermediateReport } from '../../workflows/reporting/request-intermediate-report.js';
import { reportingSettings } from '../../workflows/reporting/reporting-settings.js';
import type { ReportingDeps } from '../../workflows/reporting/reporting-deps.js';
import { saveDraft } from '../../workflows/reporting/save-draft.js';
import { submitReport } from '../../workflows/reporting/submit-report.js';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from '../support/smtp-catcher.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2025-03-03T08:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

const CERT_MAIL = 'lage@cert.example';
const ISB_A = 'isb@stadt-a.example';
const DEPUTY_A = 'vertretung@stadt-a.example';

function organisation(id: string, name: string, kind: Organisation['kind'], contacts: Organisation['contacts']): Organisation {
  return { id, name, kind, parentId: null, networks: [], domains: [], contacts, reportingRegime: kind === 'state' ? 'section16' : 'section17', critical: false };
}

const analyst: Principal = { userId: 'u-analyst', username: 'analyst', role: 'analyst', organizationId: null, scope: ALL };
const officerA: Principal = { userId: 'u-officer-a', username: 'officerA', role: 'officer', organizationId: 'stadt-a', scope: organisationScope('stadt-a') };
const officerB: Principal = { userId: 'u-officer-b', username: 'officerB', role: 'officer', organizationId: 'stadt-b', scope: organisationScope('stadt-b') };

function content(overrides: ReportDraft = {}): ReportDraft {
  return {
    reporter: { name: 'Erika Muster', email: ISB_A },
    isbContact: { name: 'Erika Muster', email: ISB_A, phone: '+49 351 000' },
    awarenessAt: at(-2),
    tier: 'sicherheitsvorfall',
    categories: ['malware_installed'],
    description: 'Schadsoftware auf <b>zwei</b> Arbeitsplätzen',
    suspectedMaliciousAct: true,
    protectionGoals: ['integrity'],
    tlp: 'TLP:AMBER',
    ...overrides,
  };
}

describe('integration > reporting timeline (real SMTP, controlled clock)', function () {
  this.timeout(60_000);
  let smtp: SmtpCatcher;
  let mailer: SmtpMailer;
  let directory: string;
  let store: SqliteStore;
  const clock = new ManualClock(at(0));

  before(async () => {
    smtp = await startSmtpCatcher();
    mailer = new SmtpMailer({ url: `smtp://127.0.0.1:${smtp.port}`, from: 'SAX.CERT <cert@sax.example>' });
    directory = mkdtempSync(path.join(os.tmpdir(), 'lagebild-reporting-'));
    store = new SqliteStore({ path: path.join(directory, 'lagebild.db'), logger: silentLogger() });
    await store.init();
    await store.organisations.upsert(organisation('sax-cert', 'SAX.CERT', 'cert', [{ role: 'isb', name: 'Lage', email: CERT_MAIL }]));
    await store.organisations.upsert(
      organisation('stadt-a', 'Stadt A', 'municipal', [
        { role: 'isb', name: 'Erika Muster', email: ISB_A },
        { role: 'isb_deputy', name: 'Max Vertreter', email: DEPUTY_A },
      ]),
    );
    await store.organisations.upsert(organisation('stadt-b', 'Stadt B', 'municipal', [{ role: 'isb', name: 'B', email: 'isb@stadt-b.example' }]));
    await store.incidents.recordAlert({
      incidentId: 'inc-a',
      title: 'Malware auf Clients',
      organizationId: 'stadt-a',
      ruleId: 'av-not-removed',
      ruleTitle: 'Malware not removed',
      entity: 'host.name=pc1',
      severity: 'high',
      alertId: 'al-1',
      eventCount: 1,
      at: at(-3),
      tags: [],
      now: at(-3),
    });
  });

  after(async () => {
    await mailer.close();
    await store.close();
    await smtp.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const deps = (): ReportingDeps => ({ store, clock, mailer, logger: silentLogger(), settings: reportingSettings({ publicUrl: 'https://lagebild.example' }) });
  const scheduler = () => new Scheduler({ ...deps(), store, retentionDays: 90, autoCloseQuietDays: 14, warningEscalation: { minSeverity: 'hoch', afterMs: 4 * 3_600_000 } });
  /** One tick of every deadline job, as the cron would run them. */
  async function tick(instance: Scheduler): Promise<void> {
    await instance.runNow('deadline-reminders');
    await instance.runNow('overdue-escalation');
  }
  function take(): CaughtMail[] {
    return smtp.received.splice(0, smtp.received.length);
  }
  function only(mails: CaughtMail[]): CaughtMail {
    expect(mails.map((item) => item.mail.subject)).to.have.length(1);
    return mails[0]!;
  }

  it('walks obligation, reminders, restart, escalation, every phase, corrections and CERT feedback', async () => {
    let instance = scheduler();

    // The CERT asks Stadt A for a report; the ISB learns the deadlines (24 h / 72 h after awareness at -2 h).
    const { obligation } = await createObligation(deps(), analyst, { incidentId: 'inc-a', awarenessAt: at(-2) });
    expect(obligation.organizationId).to.equal('stadt-a');
    expect(obligation.deadlines.map((d) => [d.phase, d.dueAt])).to.deep.equal([
      ['early_warning', at(22)],
      ['notification', at(70)],
      ['final', '2025-04-06T06:00:00.000Z'],
    ]);
    const created = only(take());
    expect(created.to).to.deep.equal([ISB_A, DEPUTY_A]);
    expect(created.mail.subject).to.match(/^\[TLP:AMBER\] Meldepflicht: Stadt A$/);
    expect(created.mail.text).to.include('Malware auf Clients').and.include('Erstmeldung').and.include('https://lagebild.example/#/report-obligations/');
    expect(created.mail.html).to.include('TLP:AMBER');

    // Nothing to remind yet.
    clock.set(at(1));
    await tick(instance);
    expect(take()).to.have.length(0);

    // 5 h before the early warning is due: one reminder, however often the job runs.
    clock.set(at(17));
    await tick(instance);
    await tick(instance);
    const reminder = only(take());
    expect(reminder.to).to.deep.equal([ISB_A, DEPUTY_A]);
    expect(reminder.mail.subject).to.include('Erinnerung: Erstmeldung');
    expect(reminder.mail.text).to.include('Stadt A');

    // A second instance at the same moment gets no lease and sends nothing.
    await tick(scheduler());
    expect(take()).to.have.length(0);

    // Restart: the store is reopened, a new scheduler instance takes over after the old lease ran out.
    await store.close();
    store = new SqliteStore({ path: path.join(directory, 'lagebild.db'), logger: silentLogger() });
    await store.init();
    instance = scheduler();
    clock.set(at(19));
    await tick(instance);
    expect(take(), 'no reminder twice after the restart').to.have.length(0);

    // The early warning is overdue: the CERT and the deputy are told, the ISB in copy, once.
    clock.set(at(23));
    await tick(instance);
    await tick(instance);
    const escalation = only(take());
    expect(escalation.to).to.have.members([CERT_MAIL, DEPUTY_A, ISB_A]);
    expect(escalation.mail.to).to.satisfy((to: { text: string }) => to.text.includes(CERT_MAIL) && to.text.includes(DEPUTY_A));
    expect(escalation.mail.subject).to.include('Frist überschritten: Erstmeldung von Stadt A');

    // The officer files the early warning: draft, autosave, submit; the CERT is told.
    const early = await createReport(deps(), officerA, { phase: 'early_warning', obligationId: obligation.id });
    await saveDraft(deps(), officerA, early.id, content({ description: 'erste Beschreibung' }));
    clock.set(at(23.5));
    const firstSubmission = await submitReport(deps(), officerA, early.id);
    expect(firstSubmission.version.version).to.equal(1);
    const received1 = only(take());
    expect(received1.to).to.deep.equal([CERT_MAIL]);
    expect(received1.mail.subject).to.equal('[TLP:AMBER] Eingang: Erstmeldung von Stadt A');
    expect((await store.obligations.get(obligation.id, ALL))?.deadlines[0]?.submittedAt).to.equal(at(23.5));

    // Reminder for the notification (due at 70 h), then the officer submits it with personal data affected.
    clock.set(at(65));
    await tick(instance);
    const notificationReminder = only(take());
    expect(notificationReminder.mail.subject).to.include('Erinnerung: Meldung');
    const notification = await createReport(deps(), officerA, { phase: 'notification', obligationId: obligation.id });
    clock.set(at(66));
    await submitReport(deps(), officerA, notification.id, content({ personalData: { affected: true, subjectCategories: ['Bürger'], approxSubjects: 1200 }, indicatorsOfCompromise: ['203.0.113.7'] }));
    const received2 = only(take());
    expect(received2.mail.subject).to.include('Eingang: Meldung von Stadt A');
    expect(received2.mail.text).to.include('Sächsische Datenschutz- und Transparenzbeauftragte');
    const detail = await getReportDetail(deps(), officerA, notification.id);
    expect(detail.dataProtection?.dueAt).to.equal(at(70));
    expect(detail.dataProtection?.approxSubjects).to.equal(1200);
    // The final report is now due one month after the notification was submitted.
    const finalDue = (await store.obligations.get(obligation.id, ALL))!.deadlines.find((d) => d.phase === 'final')!.dueAt;
    expect(finalDue).to.equal('2025-04-06T02:00:00.000Z');

    // A correction is a new version; the first stays as it was.
    await saveDraft(deps(), officerA, notification.id, content({ description: 'korrigiert' }));
    await submitReport(deps(), officerA, notification.id);
    expect(only(take()).mail.subject).to.include('Korrektur (Version 2): Meldung');
    const versions = await store.reports.versions(notification.id, ALL);
    expect(versions.map((v) => [v.version, v.content.description])).to.deep.equal([
      [1, 'Schadsoftware auf <b>zwei</b> Arbeitsplätzen'],
      [2, 'korrigiert'],
    ]);

    // The CERT acknowledges, classifies, gives feedback (mailed to the ISB) and asks for an intermediate report.
    await acknowledgeReport(deps(), analyst, notification.id);
    await classifyReport(deps(), analyst, notification.id, 'erheblicher_sicherheitsvorfall');
    await giveReportFeedback(deps(), analyst, notification.id, 'Bitte IOC <Hashwerte> ergänzen.');
    const feedback = only(take());
    expect(feedback.to).to.deep.equal([ISB_A]);
    expect(feedback.mail.subject).to.equal('[TLP:AMBER] Rückmeldung des CERT zur Meldung');
    expect(feedback.mail.text).to.include('Bitte IOC <Hashwerte> ergänzen.');
    expect(feedback.mail.html).to.include('Bitte IOC &#60;Hashwerte&#62; ergänzen.');
    await requestIntermediateReport(deps(), analyst, obligation.id, { dueAt: at(120), note: 'Stand der Bereinigung?' });
    const request = only(take());
    expect(request.to).to.deep.equal([ISB_A]);
    expect(request.mail.subject).to.include('Zwischenmeldung erbeten');
    expect(request.mail.text).to.include('Stand der Bereinigung?');

    // Reminder for the intermediate report, then it is filed.
    clock.set(at(116));
    await tick(instance);
    expect(only(take()).mail.subject).to.include('Erinnerung: Zwischenmeldung');
    const intermediate = await createReport(deps(), officerA, { phase: 'intermediate', obligationId: obligation.id, draft: content({ description: 'Bereinigung läuft' }) });
    await submitReport(deps(), officerA, intermediate.id);
    expect(only(take()).mail.subject).to.include('Eingang: Zwischenmeldung');

    // The daily digest lists what is still open: only the final report.
    clock.set(at(119));
    await instance.runNow('daily-digest');
    await instance.runNow('daily-digest');
    const digest = only(take());
    expect(digest.to).to.deep.equal([CERT_MAIL]);
    expect(digest.mail.subject).to.include('Offene Meldepflichten').and.include(': 1 (0 überfällig)');
    expect(digest.mail.text).to.include('Stadt A: Abschlussmeldung');

    // The final report: reminder 6 h before, submission, and then silence.
    clock.set(new Date(Date.parse(finalDue) - 3 * HOUR).toISOString());
    await tick(instance);
    expect(only(take()).mail.subject).to.include('Erinnerung: Abschlussmeldung');
    const final = await createReport(deps(), officerA, { phase: 'final', obligationId: obligation.id, draft: content({ rootCause: 'Phishing', measuresTaken: 'Neuinstallation' }) });
    await submitReport(deps(), officerA, final.id);
    expect(only(take()).mail.subject).to.include('Eingang: Abschlussmeldung');
    expect((await store.obligations.list({ open: true }, ALL)).total).to.equal(0);
    clock.set(new Date(Date.parse(finalDue) + 48 * HOUR).toISOString());
    await tick(instance);
    expect(take(), 'a fulfilled obligation stays silent').to.have.length(0);

    // The audit trail tells the story.
    const actions = (await store.audit.list({ objectId: notification.id })).map((entry) => entry.action);
    expect(actions).to.include.members(['report.create', 'report.submit', 'report.correct', 'report.acknowledge', 'report.classify', 'report.feedback']);
  });

  it('keeps other organisations out and versions immutable', async () => {
    const { obligation } = await createObligation(deps(), analyst, { organizationId: 'stadt-a', awarenessAt: clock.now().toISOString() });
    take();
    const report = await createReport(deps(), officerA, { phase: 'early_warning', obligationId: obligation.id, draft: content() });
    await submitReport(deps(), officerA, report.id);
    take();

    const notFound = (promise: Promise<unknown>) => promise.then(() => expect.fail('should have been refused'), (error: unknown) => expect(error).to.be.instanceOf(LagebildError).and.include({ status: 404 }));
    await notFound(getReportDetail(deps(), officerB, report.id));
    await notFound(saveDraft(deps(), officerB, report.id, content({ description: 'von B' })));
    await notFound(submitReport(deps(), officerB, report.id, content({ description: 'von B' })));
    await notFound(createReport(deps(), officerB, { phase: 'notification', obligationId: obligation.id }));
    expect((await store.reports.list({}, organisationScope('stadt-b'))).total).to.equal(0);
    expect((await store.obligations.list({}, organisationScope('stadt-b'))).total).to.equal(0);

    const [version] = await store.reports.versions(report.id, ALL);
    const overwrite = await store.reports.appendVersion({ ...version!, content: { ...version!.content, description: 'überschrieben' } }).catch((error: unknown) => error);
    expect(overwrite).to.be.instanceOf(LagebildError).and.include({ status: 409 });
    expect((await store.reports.versions(report.id, ALL))[0]?.content.description).to.equal(version!.content.description);
    expect(take()).to.have.length(0);
  });

  it('schedules every job body', () => {
    expect(JOBS.map((job) => job.name)).to.deep.equal(['deadline-reminders', 'overdue-escalation', 'daily-digest', 'retention', 'warning-escalation', 'auto-close-quiet-incidents']);
  });
});
