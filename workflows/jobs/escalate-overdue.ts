import { ALL } from '../../core/domain/scope.js';
import { composeMail } from '../notifications/mail-template.js';
import { overdueEscalationMail } from '../reporting/mail/overdue-escalation-mail.js';
import { certAddresses, contactAddresses } from '../reporting/mail-recipients.js';
import { notifyOnce } from '../reporting/notify-once.js';
import { reportLink } from '../reporting/report-link.js';
import { eachOpenObligation } from './each-open-obligation.js';
import type { JobDeps } from './job-deps.js';

/**
 * Tells the CERT and the ISB's deputy (the ISB in copy) about every phase past its deadline without
 * a report, once per obligation, phase and deadline. Returns the number of mails sent.
 */
export async function escalateOverdue(deps: JobDeps): Promise<number> {
  const now = deps.clock.now();
  const cert = await certAddresses(deps.store.organisations, deps.settings);
  let sent = 0;
  for await (const obligation of eachOpenObligation(deps.store.obligations)) {
    for (const deadline of obligation.deadlines) {
      if (deadline.submittedAt !== null || now.getTime() <= Date.parse(deadline.dueAt)) continue;
      const organisation = await deps.store.organisations.get(obligation.organizationId, ALL);
      const link = reportLink(deps.settings, `report-obligations/${obligation.id}`);
      const message = composeMail(
        overdueEscalationMail,
        { organisationName: organisation?.name ?? obligation.organizationId, phase: deadline.phase, dueAt: deadline.dueAt, ...(link === undefined ? {} : { link }) },
        { to: [...cert, ...contactAddresses(organisation, 'isb_deputy')], cc: contactAddresses(organisation, 'isb'), locale: deps.settings.locale, tlp: 'TLP:AMBER' },
      );
      if (await notifyOnce(deps, `obligation:${obligation.id}:${deadline.phase}:${deadline.dueAt}:overdue`, message)) {
        sent += 1;
        await deps.store.audit.append({ actor: 'scheduler', action: 'report_obligation.escalate', objectType: 'report_obligation', objectId: obligation.id, after: { phase: deadline.phase, dueAt: deadline.dueAt }, organizationId: obligation.organizationId }, now.toISOString());
      }
    }
  }
  return sent;
}
