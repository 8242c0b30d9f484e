import type { Organisation } from '../../core/domain/organisation.js';
import { ALL } from '../../core/domain/scope.js';
import type { Warning, WarningDelivery } from '../../core/domain/warning.js';
import { ConflictError, errorMessage, LagebildError, UnavailableError, ValidationError } from '../../core/errors.js';
import type { Mailer } from '../../core/ports/mailer.js';
import type { Principal } from '../auth/principal.js';
import { composeMail } from '../notifications/mail-template.js';
import { auditChange } from '../triage/audit-change.js';
import { approvalMandatory } from './approval-mandatory.js';
import { deliveryOrganisations } from './delivery-organisations.js';
import { findWarning } from './find-warning.js';
import { mailRecipients } from './mail-recipients.js';
import { warningPublishedMail } from './mail/warning-published-mail.js';
import type { WarningDeps } from './warning-deps.js';
import { warningUrl } from './warning-url.js';

/**
 * Publishes: fixes the audience to today's organisations, assigns the tracking id, delivers to
 * every organisation's inbox and mails each one. The deliveries exist before any mail goes out,
 * so a failed mail is recorded on its delivery and never undoes the publication.
 */
export async function publishWarning(deps: WarningDeps, actor: Principal, id: string): Promise<{ warning: Warning; deliveries: WarningDelivery[] }> {
  const mailer = deps.mailer;
  if (!mailer) throw new UnavailableError('mail delivery');
  const before = await findWarning(deps, id);
  if (before.status === 'published') throw new ConflictError('the warning is already published');
  // The severity rule again, for drafts stored before it or under a lower threshold.
  const needsApproval = before.requiresApproval || approvalMandatory(before.severity, deps.settings);
  if (needsApproval && before.status !== 'approved') throw new LagebildError('approval_required', 'this warning needs a second analyst\'s approval first', { status: 409 });

  const organisations = await deps.store.organisations.list(ALL);
  const organizationIds = await deliveryOrganisations(deps, before, organisations);
  if (organizationIds.length === 0) throw new ValidationError('the audience contains no organisation', [{ path: 'audience', message: 'no organisation matches' }]);

  const now = deps.clock.now();
  const at = now.toISOString();
  const year = now.getUTCFullYear();
  const number = await deps.store.warnings.nextTrackingNumber(year);
  const warning: Warning = {
    ...before,
    status: 'published',
    publishedBy: actor.userId,
    publishedAt: at,
    trackingId: `${deps.settings.trackingPrefix}-${year}-${String(number).padStart(4, '0')}`,
    organizationIds,
    updatedAt: at,
    version: before.version + 1,
  };
  await deps.store.warnings.replace(warning, before.version);
  const deliveries: WarningDelivery[] = organizationIds.map((organizationId) => ({
    warningId: id,
    organizationId,
    deliveredAt: at,
    mailedTo: [],
    mailError: null,
    readAt: null,
    readBy: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    escalatedAt: null,
  }));
  await deps.store.warningDeliveries.putMany(deliveries);
  await auditChange(deps, actor.username, {
    action: 'warning.publish',
    objectType: 'warning',
    objectId: id,
    before: { status: before.status },
    after: { status: 'published', trackingId: warning.trackingId, organizationIds },
  });

  const byId = new Map(organisations.map((organisation) => [organisation.id, organisation]));
  for (const organizationId of organizationIds) await mailOrganisation(deps, mailer, warning, byId.get(organizationId)!);
  return { warning, deliveries: await deps.store.warningDeliveries.list(id, ALL) };
}

async function mailOrganisation(deps: WarningDeps, mailer: Mailer, warning: Warning, organisation: Organisation): Promise<void> {
  const to = await mailRecipients(deps.store.users, organisation, warning);
  if (to.length === 0) {
    await deps.store.warningDeliveries.recordMail(warning.id, organisation.id, [], 'the organisation has no mail address');
    return;
  }
  const url = warningUrl(deps.settings, warning.id);
  const message = composeMail(
    warningPublishedMail,
    { warning, organisationName: organisation.name, publisherName: deps.settings.publisherName, ...(url ? { url } : {}) },
    { to, locale: deps.settings.locale, tlp: warning.tlp },
  );
  try {
    await mailer.send(message);
    await deps.store.warningDeliveries.recordMail(warning.id, organisation.id, to, null);
  } catch (error) {
    deps.logger.warn({ error, warningId: warning.id, organizationId: organisation.id }, 'Mailing a warning failed');
    await deps.store.warningDeliveries.recordMail(warning.id, organisation.id, to, errorMessage(error));
  }
}
