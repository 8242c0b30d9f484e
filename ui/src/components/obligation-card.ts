import type { ReportObligation, ReportPhase } from '../api-types.js';
import { h } from '../h.js';
import { formatDateTime, t } from '../i18n.js';
import { incidentHref, reportHref } from '../router.js';
import { deadlineList } from './deadline-list.js';
import { regimeLabel } from './regime-label.js';

export interface ObligationCardParts {
  organisationName: string;
  /** The incident's title, when the obligation has an incident the viewer may open. */
  incidentTitle: string | undefined;
  reports: ReadonlyMap<ReportPhase, string>;
  /** Starts a phase's report; null for viewers who only read. */
  start: ((phase: ReportPhase) => void) | null;
}

/** Per phase a link to its report or (for the officer, via `start`) a button that starts it. */
export function phaseActions(obligation: ReportObligation, { reports, start }: Pick<ObligationCardParts, 'reports' | 'start'>): HTMLElement {
  const actions = obligation.deadlines.map((deadline) => {
    const reportId = reports.get(deadline.phase) ?? deadline.reportId;
    if (reportId) return h('a', { class: 'button button-secondary', href: reportHref(reportId), 'data-phase': deadline.phase }, t('obligations.open', { phase: t(`phase.${deadline.phase}`) }));
    if (!start) return null;
    return h('button', { type: 'button', class: 'button', id: `start-${obligation.id}-${deadline.phase}`, 'data-phase': deadline.phase, on: { click: () => start(deadline.phase) } }, t('obligations.start', { phase: t(`phase.${deadline.phase}`) }));
  });
  return h('div', { class: 'button-row' }, actions);
}

/** One obligation: its incident by title, awareness time and deadlines, and the actions of its phases. */
export function obligationCard(obligation: ReportObligation, { organisationName, incidentTitle, reports, start }: ObligationCardParts): HTMLElement {
  return h(
    'article',
    { class: `panel obligation${obligation.open ? '' : ' obligation-closed'}`, 'data-obligation-id': obligation.id, 'aria-labelledby': `obligation-${obligation.id}` },
    h('h2', { id: `obligation-${obligation.id}` }, incidentTitle ?? organisationName),
    h(
      'p',
      { class: 'muted small' },
      incidentTitle ? `${organisationName} · ` : null,
      obligation.incidentId ? h('a', { href: incidentHref(obligation.incidentId), class: 'obligation-incident' }, incidentTitle ? t('obligations.openIncident') : t('obligations.incident')) : null,
    ),
    h('p', { class: 'muted small' }, t('obligations.awareness', { time: formatDateTime(obligation.awarenessAt), regime: regimeLabel(obligation.regime) })),
    deadlineList(obligation.deadlines),
    phaseActions(obligation, { reports, start }),
  );
}
