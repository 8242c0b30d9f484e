import type { ReportObligation } from '../../core/domain/report.js';
import { ALL } from '../../core/domain/scope.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { composeMail } from '../notifications/mail-template.js';
import { intermediateRequestedMail } from './mail/intermediate-requested-mail.js';
import { contactAddresses } from './mail-recipients.js';
import { notifyOnce } from './notify-once.js';
import { reportLink } from './report-link.js';
import type { ReportingDeps } from './reporting-deps.js';

/** The CERT asks for a (further) intermediate report by `dueAt` (default: the regime's intermediate days). */
export async function requestIntermediateReport(deps: ReportingDeps, actor: Principal, obligationId: string, input: { dueAt?: string; note?: string }): Promise<ReportObligation> {
  const obligation = await deps.store.obligations.get(obligationId, actor.scope);
  if (!obligation) throw new NotFoundError('report obligation');
  const now = deps.clock.now();
  const dueAt = input.dueAt === undefined ? new Date(now.getTime() + deps.settings.regimes[obligation.regime].intermediateDays * 86_400_000) : new Date(input.dueAt);
  if (dueAt.getTime() <= now.getTime()) throw new ValidationError('the deadline must lie in the future', [{ path: 'dueAt', message: 'in the past' }]);
  const deadline = { phase: 'intermediate' as const, dueAt: dueAt.toISOString(), submittedAt: null, reportId: null };
  const next: ReportObligation = {
    ...obligation,
    deadlines: [...obligation.deadlines.filter((existing) => existing.phase !== 'intermediate'), deadline],
    updatedAt: now.toISOString(),
    revision: obligation.revision + 1,
  };
  await deps.store.obligations.save(next, obligation.revision, actor.scope);
  await deps.store.audit.append(
    { actor: actor.username, action: 'report_obligation.request_intermediate', objectType: 'report_obligation', objectId: obligation.id, after: { dueAt: deadline.dueAt, note: input.note ?? '' }, organizationId: obligation.organizationId },
    now.toISOString(),
  );
  const organisation = await deps.store.organisations.get(obligation.organizationId, ALL);
  const link = reportLink(deps.settings, `report-obligations/${obligation.id}`);
  const message = composeMail(
    intermediateRequestedMail,
    { organisationName: organisation?.name ?? obligation.organizationId, dueAt: deadline.dueAt, note: input.note ?? '', ...(link === undefined ? {} : { link }) },
    { to: contactAddresses(organisation, 'isb'), locale: deps.settings.locale, tlp: 'TLP:AMBER' },
  );
  await notifyOnce(deps, `obligation:${obligation.id}:intermediate:${deadline.dueAt}`, message);
  return next;
}
