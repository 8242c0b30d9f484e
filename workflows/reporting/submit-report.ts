import type { Report, ReportContent, ReportDraft, ReportPhase, ReportVersion } from '../../core/domain/report.js';
import { ALL } from '../../core/domain/scope.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { composeMail } from '../notifications/mail-template.js';
import { afterSubmission } from './deadlines.js';
import { reportSubmittedMail } from './mail/report-submitted-mail.js';
import { certAddresses } from './mail-recipients.js';
import { notifyOnce } from './notify-once.js';
import { reportContentSchema } from './report-content-schema.js';
import { missingFields } from './report-phase-fields.js';
import { reportLink } from './report-link.js';
import type { ReportingDeps } from './reporting-deps.js';

/**
 * Turns the draft (or the content given) into the next immutable version: the first submission
 * fulfils the phase of the obligation, a later one is a correction. The store refuses a version
 * number that exists, so two concurrent submissions cannot both become version n.
 */
export async function submitReport(deps: ReportingDeps, actor: Principal, id: string, given?: ReportDraft | Readonly<Record<string, unknown>>): Promise<{ report: Report; version: ReportVersion }> {
  const report = await deps.store.reports.get(id, actor.scope);
  if (!report) throw new NotFoundError('report');
  const content = completeContent(report.phase, given ?? report.draft ?? {});
  const now = deps.clock.now().toISOString();
  const version: ReportVersion = { reportId: id, organizationId: report.organizationId, version: report.currentVersion + 1, content, submittedAt: now, submittedBy: actor.username };
  await deps.store.reports.appendVersion(version);
  const next: Report = { ...report, draft: null, draftSavedAt: null, currentVersion: version.version, updatedAt: now, revision: report.revision + 1 };
  await deps.store.reports.save(next, report.revision, actor.scope);
  await deps.store.audit.append(
    { actor: actor.username, action: version.version === 1 ? 'report.submit' : 'report.correct', objectType: 'report', objectId: id, after: { version: version.version, phase: report.phase }, organizationId: report.organizationId },
    now,
  );
  if (version.version === 1) await fulfilPhase(deps, report, now);
  await notifyCert(deps, next, version);
  return { report: next, version };
}

/**
 * Every problem at once, each at the path of its field: the required fields of the phase left empty
 * (`report_field_missing`), then the values that are malformed (`report_field_invalid`). A field
 * left out is named once, as missing, not again as malformed, nor is the contact object it sits in.
 */
function completeContent(phase: ReportPhase, draft: ReportDraft | Readonly<Record<string, unknown>>): ReportContent {
  const missing = missingFields(phase, draft);
  const parsed = reportContentSchema.safeParse(draft);
  if (missing.length === 0 && parsed.success) return parsed.data;
  const namedAsMissing = (path: string) => missing.some((field) => field === path || field.startsWith(`${path}.`));
  const invalid = parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })).filter((issue) => !namedAsMissing(issue.path));
  throw new ValidationError('the report is not complete', [
    ...missing.map((field) => ({ in: 'body', code: 'report_field_missing', path: field, message: 'required in this phase' })),
    ...invalid.map((issue) => ({ in: 'body', code: 'report_field_invalid', path: issue.path, message: issue.message })),
  ]);
}

/** The obligation belongs to the same organisation, so the CERT's scope is no wider than needed here. */
async function fulfilPhase(deps: ReportingDeps, report: Report, at: string): Promise<void> {
  const obligation = await deps.store.obligations.get(report.obligationId, ALL);
  if (!obligation) return;
  const deadlines = afterSubmission(obligation, report.phase, report.id, at, deps.settings);
  await deps.store.obligations.save({ ...obligation, deadlines, updatedAt: at, revision: obligation.revision + 1 }, obligation.revision, ALL);
}

async function notifyCert(deps: ReportingDeps, report: Report, version: ReportVersion): Promise<void> {
  const organisation = await deps.store.organisations.get(report.organizationId, ALL);
  const link = reportLink(deps.settings, `reports/${report.id}`);
  const message = composeMail(
    reportSubmittedMail,
    {
      organisationName: organisation?.name ?? report.organizationId,
      phase: report.phase,
      version: version.version,
      tier: version.content.tier,
      personalDataAffected: version.content.personalData.affected,
      ...(link === undefined ? {} : { link }),
    },
    { to: await certAddresses(deps.store.organisations, deps.settings), locale: deps.settings.locale, tlp: version.content.tlp },
  );
  await notifyOnce(deps, `report:${report.id}:v${version.version}:submitted`, message);
}
