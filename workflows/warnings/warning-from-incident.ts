import type { RuleLevel } from '../../core/domain/alert.js';
import type { EcsEvent } from '../../core/domain/ecs.js';
import { ALL } from '../../core/domain/scope.js';
import type { Warning, WarningIndicator, WarningSeverity } from '../../core/domain/warning.js';
import { NotFoundError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { extractObservables } from '../triage/extract-observables.js';
import { createWarningDraft } from './create-warning-draft.js';
import { incidentWarningText } from './incident-warning-text.js';
import type { WarningContent } from './warning-content.js';
import type { WarningDeps } from './warning-deps.js';

const SEVERITY: Record<RuleLevel, WarningSeverity> = { informational: 'niedrig', low: 'niedrig', medium: 'mittel', high: 'hoch', critical: 'kritisch' };
/** Indicators others can look for in their own logs; user and host names would only expose the victim. */
const SHAREABLE = new Set(['ip', 'domain', 'url', 'hash']);
const MAX_ALERTS = 200;
const MAX_INDICATORS = 100;

/**
 * A draft addressed to the incident's organisations, carrying its indicators (the IPs, domains,
 * URLs and hashes in its alerts' events) and a German first text (incident-warning-text.ts).
 * Anything the analyst sends overrides the defaults.
 */
export async function warningFromIncident(deps: WarningDeps, actor: Principal, incidentId: string, overrides: Partial<WarningContent>): Promise<Warning> {
  const incident = await deps.store.incidents.get(incidentId, ALL);
  if (!incident) throw new NotFoundError('incident');
  const alerts = await deps.store.alerts.getMany(incident.alertIds.slice(-MAX_ALERTS), ALL);
  const events = new Map<string, EcsEvent>();
  for (const alert of alerts) for (const event of alert.events ?? []) events.set(event.event.id, event);
  const missing = [...new Set(alerts.flatMap((alert) => alert.event_ids))].filter((id) => !events.has(id));
  if (missing.length > 0) for (const event of await deps.store.events.getMany(missing, ALL)) events.set(event.event.id, event);
  const indicators: WarningIndicator[] = extractObservables([...events.values()])
    .filter((observable) => SHAREABLE.has(observable.type))
    .slice(0, MAX_INDICATORS)
    .map((observable) => ({ type: observable.type, value: observable.value }));
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as Partial<WarningContent>;
  const content: WarningContent = {
    ...incidentWarningText(incident, indicators, deps.settings.publisherName),
    details: '',
    products: [],
    severity: SEVERITY[incident.severity],
    tlp: incident.tlp,
    audience: { kind: 'organisations', organizationIds: incident.organizationIds },
    recipientUserIds: [],
    indicators,
    requiresApproval: false,
    ...defined,
  };
  return createWarningDraft(deps, actor, content, incidentId);
}
