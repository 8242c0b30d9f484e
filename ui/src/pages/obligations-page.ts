import type { ReportObligation, ReportPhase } from '../api-types.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { startCountdowns } from '../components/deadline-list.js';
import { obligationCard } from '../components/obligation-card.js';
import { incidentTitles } from '../incident-titles.js';
import { h, replaceChildren } from '../h.js';
import { t } from '../i18n.js';
import { byUrgency } from '../obligation-urgency.js';
import type { Page, PageContext } from '../page.js';
import { navigate, reportHref } from '../router.js';
import { startReport, type FiledReport } from '../start-report.js';

/**
 * "Meldepflichten": the officer's obligations, most urgent first, with live countdowns, the title of
 * each one's incident and a way into each phase's report. The earlier phase's latest content is
 * carried into a new phase's draft, so nothing is typed twice.
 */
export function obligationsPage(context: PageContext): Page {
  const host = h('div', { class: 'obligations' }, h('p', { class: 'loading' }, t('app.loading')));
  const status = h('div', { 'aria-live': 'polite' });
  const element = h(
    'section',
    { class: 'page page-obligations', 'aria-labelledby': 'obligations-title' },
    h('header', { class: 'page-header' }, h('h1', { id: 'obligations-title' }, t('obligations.title'))),
    h('p', { class: 'muted' }, t('obligations.intro')),
    status,
    host,
  );
  let disposed = false;
  const stopCountdowns = startCountdowns(element);
  const officer = context.me.role === 'officer';

  async function load(): Promise<void> {
    try {
      const page = await context.api.listObligations();
      const ordered = [...page.items].sort(byUrgency);
      const [reports, titles] = await Promise.all([Promise.all(ordered.map((obligation) => context.api.obligationReports(obligation.id))), incidentTitles(context.api, ordered)]);
      if (disposed) return;
      replaceChildren(
        host,
        ordered.length === 0
          ? h('p', { class: 'empty' }, t('obligations.empty'))
          : ordered.map((obligation, index) =>
              obligationCard(obligation, {
                organisationName: context.organisationName(obligation.organizationId),
                incidentTitle: obligation.incidentId ? titles.get(obligation.incidentId) : undefined,
                reports: new Map(reports[index]!.map((report) => [report.phase, report.id])),
                start: officer ? (phase) => void start(obligation, phase, reports[index]!) : null,
              }),
            ),
      );
    } catch (error) {
      if (!disposed) replaceChildren(host, errorMessage(error, () => void load()));
    }
  }

  async function start(obligation: ReportObligation, phase: ReportPhase, filed: readonly FiledReport[]): Promise<void> {
    try {
      navigate(reportHref(await startReport(context.api, obligation, phase, filed)));
    } catch (error) {
      replaceChildren(status, h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error)));
    }
  }

  void load();
  return {
    title: t('obligations.title'),
    element,
    dispose() {
      disposed = true;
      stopCountdowns();
    },
  };
}
