import { ALL } from '../../core/domain/scope.js';
import { composeMail } from '../notifications/mail-template.js';
import { deadlineReminderMail } from '../reporting/mail/deadline-reminder-mail.js';
import { contactAddresses } from '../reporting/mail-recipients.js';
import { notifyOnce } from '../reporting/notify-once.js';
import { obligationCreatedKey, obligationCreatedMessage } from '../reporting/obligation-created-message.js';
import { reportLink } from '../reporting/report-link.js';
import { eachOpenObligation } from './each-open-obligation.js';
import type { JobDeps } from './job-deps.js';

/**
 * Reminds the ISB of every phase whose deadline is within the lead time and not yet submitted, once
 * per obligation and phase. A reminder whose window passed while no scheduler ran is not sent late:
 * the overdue escalation takes its place. Creation mails that failed earlier are retried here too.
 * Returns the number of mails sent.
 */
export async function sendDeadlineReminders(deps: JobDeps): Promise<number> {
  const now = deps.clock.now();
  const lead = deps.settings.reminderLeadHours * 3_600_000;
  let sent = 0;
  for await (const obligation of eachOpenObligation(deps.store.obligations)) {
    if (obligation.requestedByCert && !(await deps.store.sentNotifications.wasSent(obligationCreatedKey(obligation)))) {
      if (await notifyOnce(deps, obligationCreatedKey(obligation), await obligationCreatedMessage(deps, obligation))) sent += 1;
    }
    for (const deadline of obligation.deadlines) {
      const due = Date.parse(deadline.dueAt);
      if (deadline.submittedAt !== null || now.getTime() < due - lead || now.getTime() > due) continue;
      const organisation = await deps.store.organisations.get(obligation.organizationId, ALL);
      const link = reportLink(deps.settings, `report-obligations/${obligation.id}`);
      const message = composeMail(
        deadlineReminderMail,
        { organisationName: organisation?.name ?? obligation.organizationId, phase: deadline.phase, dueAt: deadline.dueAt, ...(link === undefined ? {} : { link }) },
        { to: contactAddresses(organisation, 'isb'), cc: contactAddresses(organisation, 'isb_deputy'), locale: deps.settings.locale, tlp: 'TLP:AMBER' },
      );
      // The due time is part of the key: a deadline the CERT moves (a new intermediate request) earns a new reminder.
      if (await notifyOnce(deps, `obligation:${obligation.id}:${deadline.phase}:${deadline.dueAt}:reminder`, message)) {
        sent += 1;
        await deps.store.audit.append({ actor: 'scheduler', action: 'report_obligation.reminder', objectType: 'report_obligation', objectId: obligation.id, after: { phase: deadline.phase, dueAt: deadline.dueAt }, organizationId: obligation.organizationId }, now.toISOString());
      }
    }
  }
  return sent;
}

