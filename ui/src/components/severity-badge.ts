import type { Severity } from '../api-types.js';
import { h } from '../h.js';
import { t } from '../i18n.js';

export function severityBadge(severity: Severity): HTMLElement {
  return h('span', { class: `severity severity-${severity}` }, t(`severity.${severity}`));
}
