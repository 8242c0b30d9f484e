import type { IncidentStatus } from '../api-types.js';
import { h } from '../h.js';
import { t } from '../i18n.js';

export function statusBadge(status: IncidentStatus): HTMLElement {
  return h('span', { class: `status status-${status.replace('_', '-')}` }, t(`status.${status}`));
}
