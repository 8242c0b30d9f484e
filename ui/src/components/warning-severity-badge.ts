import type { Severity, WarningSeverity } from '../api-types.js';
import { h } from '../h.js';
import { t } from '../i18n.js';

/** Warnings have the CERT's four-step scale; they share the colours of the incident scale. */
const LOOK: Record<WarningSeverity, Severity> = { niedrig: 'low', mittel: 'medium', hoch: 'high', kritisch: 'critical' };

export function warningSeverityBadge(severity: WarningSeverity): HTMLElement {
  return h('span', { class: `severity severity-${LOOK[severity]}` }, t(`warningSeverity.${severity}`));
}
