import type { ReportObligation } from '../../core/domain/report.js';
import { ALL } from '../../core/domain/scope.js';
import type { MailMessage } from '../../core/ports/mailer.js';
import { composeMail } from '../notifications/mail-template.js';
import { contactAddresses } from './mail-recipients.js';
import { obligationCreatedMail } from './mail/obligation-created-mail.js';
import { reportLink } from './report-link.js';
import type { ReportingDeps } from './reporting-deps.js';

export const obligationCreatedKey = (obligation: ReportObligation) => `obligation:${obligation.id}:created`;

/** The mail to the ISB that tells them about a new obligation and its deadlines; sent on creation, retried by the reminder job. */
export async function obligationCreatedMessage(deps: Pick<ReportingDeps, 'store' | 'settings'>, obligation: ReportObligation): Promise<MailMessage> {
  const organisation = await deps.store.organisations.get(obligation.organizationId, ALL);
  const incident = obligation.incidentId === null ? undefined : await deps.store.incidents.get(obligation.incidentId, ALL);
  const link = reportLink(deps.settings, `report-obligations/${obligation.id}`);
  return composeMail(
    obligationCreatedMail,
    {
      organisationName: organisation?.name ?? obligation.organizationId,
      incidentTitle: incident?.title ?? null,
      awarenessAt: obligation.awarenessAt,
      deadlines: obligation.deadlines.map(({ phase, dueAt }) => ({ phase, dueAt })),
      ...(link === undefined ? {} : { link }),
    },
    // The incident's TLP carries over; an obligation without an incident is AMBER (organisation, need to know).
    { to: contactAddresses(organisation, 'isb'), cc: contactAddresses(organisation, 'isb_deputy'), locale: deps.settings.locale, tlp: incident?.tlp ?? 'TLP:AMBER' },
  );
}
