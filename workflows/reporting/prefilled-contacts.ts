import type { ReportDraft, ReportObligation } from '../../core/domain/report.js';
import type { Principal } from '../auth/principal.js';
import type { ReportingDeps } from './reporting-deps.js';

/**
 * The contacts a new report starts with, from the registry: the person starting it reports (their
 * name and e-mail from their account), the organisation's ISB is the contact. Only what is known
 * is filled in; the officer can change either before submitting.
 */
export async function prefilledContacts(deps: Pick<ReportingDeps, 'store'>, actor: Principal, obligation: Pick<ReportObligation, 'organizationId'>): Promise<Pick<ReportDraft, 'reporter' | 'isbContact'>> {
  const user = await deps.store.users.get(actor.userId);
  const organisation = await deps.store.organisations.get(obligation.organizationId, actor.scope);
  const isb = organisation?.contacts.find((contact) => contact.role === 'isb');
  const person = (name: string | undefined, email: string | undefined, phone?: string) => ({
    ...(name ? { name } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
  });
  // Only an officer of the organisation reports for it; a CERT analyst starting a report is not its reporter.
  const reporter = user && user.organizationId === obligation.organizationId ? person(user.displayName || user.username, user.email) : {};
  const isbContact = isb ? person(isb.name, isb.email, isb.phone) : {};
  return { ...(Object.keys(reporter).length ? { reporter } : {}), ...(Object.keys(isbContact).length ? { isbContact } : {}) };
}
