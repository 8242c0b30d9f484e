import type { Clock } from '../../core/clock.js';
import { ALL } from '../../core/domain/scope.js';
import { severityRank, type WarningSeverity } from '../../core/domain/warning.js';
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logging.js';
import type { Mailer } from '../../core/ports/mailer.js';
import type { Store } from '../../core/ports/stores.js';
import type { WarningStores } from '../../core/ports/warning-stores.js';
import { composeMail, type Locale } from '../notifications/mail-template.js';
import { warningEscalationMail } from '../warnings/mail/warning-escalation-mail.js';

export interface EscalationConfig {
  /** Warnings at or above this severity are escalated. */
  minSeverity: WarningSeverity;
  /** How long an organisation has to acknowledge before escalation. */
  afterMs: number;
  /** The CERT's own address(es), copied on every escalation. */
  certAddresses: string[];
  locale?: Locale;
  publicUrl?: string;
}

export interface EscalationResult {
  escalated: number;
  failed: number;
}

/**
 * Mails the ISB's deputy and the CERT about every delivery of a serious warning that is still
 * unacknowledged after the configured time. The delivery records its escalation, so a second run
 * (or a second instance) sends nothing again; a failed mail is not recorded and is retried next run.
 */
export async function escalateUnacknowledgedWarnings(deps: { store: Store & WarningStores; mailer: Mailer; clock: Clock; config: EscalationConfig; logger?: Logger }): Promise<EscalationResult> {
  const { store, mailer, clock, config } = deps;
  const now = clock.now();
  const due = now.getTime() - config.afterMs;
  const result: EscalationResult = { escalated: 0, failed: 0 };
  const serious = (await store.warnings.listPublished()).filter((warning) => severityRank(warning.severity) >= severityRank(config.minSeverity));
  if (serious.length === 0) return result;
  const organisations = new Map((await store.organisations.list(ALL)).map((organisation) => [organisation.id, organisation]));
  for (const warning of serious) {
    for (const delivery of await store.warningDeliveries.list(warning.id, ALL)) {
      if (delivery.acknowledgedAt !== null || delivery.escalatedAt !== null || Date.parse(delivery.deliveredAt) > due) continue;
      const organisation = organisations.get(delivery.organizationId);
      const deputies = organisation?.contacts.filter((contact) => contact.role === 'isb_deputy').map((contact) => contact.email) ?? [];
      // TLP:RED stays with the people it names: the deputy is not one of them, so only the CERT hears of it.
      const to = [...new Set([...(warning.tlp === 'TLP:RED' ? [] : deputies), ...config.certAddresses])];
      if (to.length === 0) continue;
      const url = config.publicUrl ? `${config.publicUrl.replace(/\/+$/, '')}/warnings/${encodeURIComponent(warning.id)}` : undefined;
      const message = composeMail(
        warningEscalationMail,
        { warning, organisationName: organisation?.name ?? delivery.organizationId, deliveredAt: delivery.deliveredAt, ...(url ? { url } : {}) },
        { to, locale: config.locale ?? 'de', tlp: warning.tlp },
      );
      try {
        await mailer.send(message);
        await store.warningDeliveries.markEscalated(warning.id, delivery.organizationId, now.toISOString());
        await store.audit.append({ actor: 'scheduler', action: 'warning.escalate', objectType: 'warning', objectId: warning.id, organizationId: delivery.organizationId, after: { to } }, now.toISOString());
        result.escalated += 1;
      } catch (error) {
        result.failed += 1;
        deps.logger?.warn({ error, warningId: warning.id, organizationId: delivery.organizationId, reason: errorMessage(error) }, 'Escalating a warning failed');
      }
    }
  }
  return result;
}
