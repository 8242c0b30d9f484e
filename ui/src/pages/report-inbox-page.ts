import type { Report, ReportObligation } from '../api-types.js';
import { errorMessage } from '../components/error-message.js';
import { startCountdowns } from '../components/deadline-list.js';
import { obligationCard } from '../components/obligation-card.js';
import { incidentTitles } from '../incident-titles.js';
import { byUrgency } from '../obligation-urgency.js';
import { h, replaceChildren } from '../h.js';
import { formatDateTime, t } from '../i18n.js';
import type { MessageKey } from '../i18n/de.js';
import type { Page, PageContext } from '../page.js';
import { reportHref } from '../router.js';

const REFRESH_MS = 30_000;

/** The CERT's report inbox: every report (unacknowledged first) and every open obligation with its deadlines. */
export function reportInboxPage(context: PageContext): Page {
  const reportsHost = h('div', { class: 'table-host' }, h('p', { class: 'loading' }, t('app.loading')));
  const obligationsHost = h('div', { class: 'obligations' });
  const element = h(
    'section',
    { class: 'page page-reports', 'aria-labelledby': 'reports-title' },
    h('header', { class: 'page-header' }, h('h1', { id: 'reports-title' }, t('reports.title'))),
    reportsHost,
    h('h2', { id: 'open-obligations' }, t('reports.openObligations')),
    obligationsHost,
  );
  let disposed = false;
  const stopCountdowns = startCountdowns(element);

  async function load(): Promise<void> {
    try {
      const [reports, obligations] = await Promise.all([context.api.listReports(), context.api.listObligations({ open: true })]);
      const titles = await incidentTitles(context.api, obligations.items);
      if (disposed) return;
      const ordered = [...reports.items].sort((a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null));
      replaceChildren(reportsHost, ordered.length === 0 ? h('p', { class: 'empty' }, t('reports.empty')) : table(ordered));
      replaceChildren(obligationsHost, obligations.items.length === 0 ? h('p', { class: 'empty' }, t('obligations.empty')) : [...obligations.items].sort(byUrgency).map((obligation) => card(obligation, titles)));
    } catch (error) {
      if (!disposed) replaceChildren(reportsHost, errorMessage(error, () => void load()));
    }
  }

  function card(obligation: ReportObligation, titles: ReadonlyMap<string, string>): HTMLElement {
    const incidentTitle = obligation.incidentId ? titles.get(obligation.incidentId) : undefined;
    return obligationCard(obligation, { organisationName: context.organisationName(obligation.organizationId), incidentTitle, reports: new Map(), start: null });
  }

  function table(reports: Report[]): HTMLElement {
    const cell = (key: MessageKey, className: string, ...content: (Node | string)[]) => h('td', { class: className, 'data-label': t(key) }, ...content);
    return h(
      'table',
      { class: 'incident-table report-table' },
      h('caption', { class: 'visually-hidden' }, t('reports.title')),
      h('thead', {}, h('tr', {}, (['reports.colPhase', 'reports.colOrganisation', 'reports.colStatus', 'reports.colAcknowledged', 'reports.colTier', 'reports.colUpdated'] as const).map((key) => h('th', { scope: 'col' }, t(key))))),
      h(
        'tbody',
        {},
        reports.map((report) =>
          h(
            'tr',
            { 'data-report-id': report.id },
            cell('reports.colPhase', 'col-title', h('a', { href: reportHref(report.id), class: 'incident-link', id: `report-link-${report.id}` }, t(`phase.${report.phase}`))),
            cell('reports.colOrganisation', 'col-org', context.organisationName(report.organizationId)),
            cell('reports.colStatus', 'col-status', report.currentVersion === 0 ? t('report.statusDraft') : t('report.statusSubmitted', { version: report.currentVersion })),
            cell('reports.colAcknowledged', 'col-ack', report.acknowledgedAt ? formatDateTime(report.acknowledgedAt) : t('warnings.no')),
            cell('reports.colTier', 'col-tier', report.certTier ? t(`tier.${report.certTier}`) : t('warnings.no')),
            cell('reports.colUpdated', 'col-last-seen', formatDateTime(report.updatedAt)),
          ),
        ),
      ),
    );
  }

  void load();
  const timer = window.setInterval(() => void load(), REFRESH_MS);
  return {
    title: t('reports.title'),
    element,
    dispose() {
      disposed = true;
      stopCountdowns();
      window.clearInterval(timer);
    },
  };
}
