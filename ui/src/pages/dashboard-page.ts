import { OPEN_STATUSES, SEVERITIES, type Incident, type ReportObligation, type WarningListItem } from '../api-types.js';
import { deadlineList, startCountdowns } from '../components/deadline-list.js';
import { horizontalBarChart, type BarItem } from '../charts/horizontal-bar-chart.js';
import { SEVERITY_COLOURS } from '../charts/severity-colours.js';
import { stackedBarChart } from '../charts/stacked-bar-chart.js';
import { acknowledgementRate } from '../components/audience-label.js';
import { errorMessage } from '../components/error-message.js';
import { h, replaceChildren } from '../h.js';
import { formatNumber, formatPercent, locale, t, tCount } from '../i18n.js';
import type { Page, PageContext } from '../page.js';

/** The dashboard reads the most recently active incidents; older ones do not change today's picture. */
const PAGE_LIMIT = 200;
const MAX_PAGES = 5;
const DAYS = 14;
const TOP = 8;
const REFRESH_MS = 30_000;

export function dashboardPage(context: PageContext): Page {
  const body = h('div', { class: 'dashboard' }, h('p', { class: 'loading' }, t('app.loading')));
  const element = h('section', { class: 'page page-dashboard', 'aria-labelledby': 'dashboard-title' }, h('header', { class: 'page-header' }, h('h1', { id: 'dashboard-title' }, t('dashboard.title'))), body);
  let disposed = false;

  async function load(): Promise<void> {
    try {
      const [incidents, obligations, rates] = await Promise.all([recentIncidents(context), context.api.listObligations({ open: true }).then((page) => page.items), acknowledgementRates(context)]);
      if (!disposed) render(incidents, obligations, rates);
    } catch (error) {
      if (!disposed) replaceChildren(body, errorMessage(error, () => void load()));
    }
  }

  function render(incidents: Incident[], obligations: ReportObligation[], rates: BarItem[]): void {
    // Drawn at about the size they get, so that their text is neither tiny on a phone nor huge on a wall screen.
    const available = Math.max(280, Math.min(body.clientWidth || 960, 1400) - 40);
    const wide = window.matchMedia('(min-width: 761px)').matches;
    const open = incidents.filter((incident) => OPEN_STATUSES.includes(incident.status));
    const figure = (value: number, label: string, href: string) => h('a', { class: 'kpi', href }, h('span', { class: 'kpi-value' }, formatNumber(value)), h('span', { class: 'kpi-label' }, label));
    const card = (id: string, title: string, content: HTMLElement) => h('section', { class: 'panel chart-panel', 'aria-labelledby': id }, h('h2', { id }, title), content);
    const noData = () => h('p', { class: 'muted' }, t('dashboard.noData'));
    const topOrganisations = top(incidents.flatMap((incident) => incident.organizationIds.map((id) => context.organisationName(id))));
    const topRules = top(incidents.map((incident) => incident.ruleTitle));
    replaceChildren(
      body,
      h(
        'div',
        { class: 'kpis' },
        figure(open.length, t('dashboard.open'), '#/incidents'),
        figure(open.filter((incident) => incident.severity === 'critical' || incident.severity === 'high').length, t('dashboard.critical'), '#/incidents'),
        figure(open.filter((incident) => incident.assignee === null).length, t('dashboard.unassigned'), '#/incidents'),
      ),
      h(
        'div',
        { class: 'chart-grid-layout' },
        card('chart-over-time', t('dashboard.overTime'), incidents.length ? overTime(incidents, available) : noData()),
        card('chart-organisations', t('dashboard.topOrganisations'), topOrganisations.length ? horizontalBarChart(topOrganisations, t('dashboard.topOrganisations'), '#1f5f99', wide ? available / 2 - 20 : available) : noData()),
        card('chart-rules', t('dashboard.topRules'), topRules.length ? horizontalBarChart(topRules, t('dashboard.topRules'), '#6b4c9a', wide ? available / 2 - 20 : available) : noData()),
      ),
      h(
        'div',
        { class: 'chart-grid-layout' },
        card(
          'dashboard-obligations',
          t('dashboard.obligations'),
          obligations.length
            ? h('ul', { class: 'obligation-list' }, obligations.slice(0, 10).map((obligation) => h('li', {}, h('strong', {}, context.organisationName(obligation.organizationId)), deadlineList(obligation.deadlines.filter((deadline) => deadline.state !== 'submitted')))))
            : h('p', { class: 'muted' }, t('dashboard.noObligations')),
        ),
        card('dashboard-ack-rates', t('dashboard.ackRates'), rates.length ? horizontalBarChart(rates, t('dashboard.ackRates'), '#2f7d4f', wide ? available / 2 - 20 : available, { scaleMax: 100 }) : h('p', { class: 'muted' }, t('dashboard.noWarnings'))),
      ),
      h('p', { class: 'muted small' }, tCount('dashboard.basedOn', incidents.length)),
    );
  }

  // Ticks whatever countdowns the latest render holds: it looks them up on every tick.
  const stopCountdowns = startCountdowns(body);
  void load();
  const timer = window.setInterval(() => {
    if (!document.hidden) void load();
  }, REFRESH_MS);
  return {
    title: t('dashboard.title'),
    element,
    dispose() {
      disposed = true;
      window.clearInterval(timer);
      stopCountdowns();
    },
  };
}

/** Per recently published warning, the share of addressed organisations that acknowledged it, as a percentage (the list carries the counts). */
async function acknowledgementRates(context: PageContext): Promise<BarItem[]> {
  const published = (await context.api.listWarnings().catch(() => ({ items: [] as WarningListItem[] }))).items.filter((warning) => warning.status === 'published' && warning.acknowledgement && warning.acknowledgement.addressed > 0).slice(0, 8);
  return published.map((warning) => {
    const tally = warning.acknowledgement!;
    return {
      label: `${warning.trackingId ?? ''} ${warning.title}`.trim(),
      value: (100 * tally.acknowledged) / tally.addressed,
      valueText: formatPercent(tally.acknowledged, tally.addressed),
      detail: acknowledgementRate(tally),
    };
  });
}

async function recentIncidents(context: PageContext): Promise<Incident[]> {
  const incidents: Incident[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await context.api.listIncidents({ sort: 'lastSeen', order: 'desc', limit: PAGE_LIMIT, ...(cursor ? { cursor } : {}) });
    incidents.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return incidents;
}

/** New incidents per day (by first seen, local time) over the last DAYS days, stacked by severity. */
function overTime(incidents: readonly Incident[], width: number): HTMLElement {
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const days = Array.from({ length: DAYS }, (_, index) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - (DAYS - 1 - index)));
  const dayIndex = (iso: string) => {
    const date = new Date(iso);
    date.setHours(0, 0, 0, 0);
    return days.findIndex((day) => day.getTime() === date.getTime());
  };
  const severities = [...SEVERITIES];
  const values = severities.map(() => days.map(() => 0));
  for (const incident of incidents) {
    const index = dayIndex(incident.firstSeen);
    if (index >= 0) values[severities.indexOf(incident.severity)]![index]! += 1;
  }
  const dayLabel = new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit' });
  return stackedBarChart(
    {
      categories: days.map((day) => dayLabel.format(day)),
      series: severities.map((severity) => ({ label: t(`severity.${severity}`), colour: SEVERITY_COLOURS[severity] })),
      values,
    },
    t('dashboard.overTime'),
    width,
  );
}

function top(labels: readonly string[]): BarItem[] {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts]
    .map(([label, value]) => ({ label, value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    .slice(0, TOP);
}
