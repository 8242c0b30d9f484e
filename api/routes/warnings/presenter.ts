import type { Scope } from '../../../core/domain/scope.js';
import type { Warning, WarningDelivery } from '../../../core/domain/warning.js';
import type { WarningListEntry } from '../../../workflows/warnings/list-warnings.js';

/**
 * The CERT sees the whole warning; a recipient organisation does not learn who else it went to,
 * who is named on a TLP:RED warning, or how the CERT worked on it.
 */
export function presentWarning(warning: Warning, scope: Scope) {
  if (scope.kind === 'all') return warning;
  return {
    id: warning.id,
    title: warning.title,
    summary: warning.summary,
    details: warning.details,
    products: warning.products,
    measures: warning.measures,
    severity: warning.severity,
    tlp: warning.tlp,
    status: warning.status,
    trackingId: warning.trackingId,
    publishedAt: warning.publishedAt,
    indicators: warning.indicators,
    createdAt: warning.createdAt,
    updatedAt: warning.updatedAt,
    version: warning.version,
  };
}

/** A list row: the warning as the caller may see it, and how far its delivery has come in their scope. */
export function presentListEntry(entry: WarningListEntry, scope: Scope) {
  return { ...presentWarning(entry.warning, scope), acknowledgement: entry.acknowledgement, ...(entry.audienceCount === undefined ? {} : { audienceCount: entry.audienceCount }) };
}

/** Mail addresses and escalations are the CERT's business. Readers are named by `names` (see deliveryNames). */
export function presentDelivery(delivery: WarningDelivery, scope: Scope, names: ReadonlyMap<string, string>) {
  const people = { readByName: nameOf(delivery.readBy, names), acknowledgedByName: nameOf(delivery.acknowledgedBy, names) };
  if (scope.kind === 'all') return { ...delivery, ...people };
  return { organizationId: delivery.organizationId, deliveredAt: delivery.deliveredAt, readAt: delivery.readAt, readBy: delivery.readBy, acknowledgedAt: delivery.acknowledgedAt, acknowledgedBy: delivery.acknowledgedBy, ...people };
}

function nameOf(userId: string | null, names: ReadonlyMap<string, string>): string | null {
  return userId === null ? null : (names.get(userId) ?? null);
}
