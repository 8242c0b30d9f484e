import type { Report, ReportFeedback } from '../../core/domain/report.js';
import { ALL } from '../../core/domain/scope.js';
import { newId } from '../../core/ids.js';
import type { Principal } from '../auth/principal.js';
import { composeMail } from '../notifications/mail-template.js';
import { changeReport } from './change-report.js';
import { reportFeedbackMail } from './mail/report-feedback-mail.js';
import { contactAddresses } from './mail-recipients.js';
import { notifyOnce } from './notify-once.js';
import { reportLink } from './report-link.js';
import type { ReportingDeps } from './reporting-deps.js';

/** A CERT comment on the report, kept with it and mailed to the organisation's ISB. */
export async function giveReportFeedback(deps: ReportingDeps, actor: Principal, id: string, body: string): Promise<Report> {
  const feedback: ReportFeedback = { id: newId(), authorName: actor.username, body, at: deps.clock.now().toISOString() };
  const report = await changeReport(deps, actor, id, 'report.feedback', (current) => ({ next: { feedback: [...current.feedback, feedback] }, audit: { feedbackId: feedback.id, body } }));
  const organisation = await deps.store.organisations.get(report.organizationId, ALL);
  const link = reportLink(deps.settings, `reports/${report.id}`);
  const versions = await deps.store.reports.versions(report.id, ALL);
  const message = composeMail(
    reportFeedbackMail,
    { organisationName: organisation?.name ?? report.organizationId, phase: report.phase, authorName: actor.username, body, ...(link === undefined ? {} : { link }) },
    { to: contactAddresses(organisation, 'isb'), locale: deps.settings.locale, tlp: versions[versions.length - 1]?.content.tlp ?? 'TLP:AMBER' },
  );
  await notifyOnce(deps, `report:${report.id}:feedback:${feedback.id}`, message);
  return report;
}
