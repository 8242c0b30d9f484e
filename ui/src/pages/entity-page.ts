import { SEVERITIES, type EntityAlert, type EntityView } from '../api-types.js';
import { SEVERITY_COLOURS } from '../charts/severity-colours.js';
import { stackedBarChart } from '../charts/stacked-bar-chart.js';
import { campaignBadge } from '../components/campaign-badge.js';
import { errorMessage } from '../components/error-message.js';
import { severityBadge } from '../components/severity-badge.js';
import { statusBadge } from '../components/status-badge.js';
import { h, replaceChildren } from '../h.js';
import { formatDateTime, locale, t, tCount } from '../i18n.js';
import type { Page, PageContext } from '../page.js';
import { incidentHref } from '../router.js';

const DAY_MS = 86_400_000;
/** A longer span would make every bar a hairline; the latest weeks are what triage needs. */
const MAX_DAYS = 60;

/** One entity (address, host, user, hash): how often it raised alerts, and in which incidents. */
export function entityPage(context: PageContext, entity: string): Page {
  const element = h('section', { class: 'page page-entity', 'aria-busy': 'true', 'aria-labelledby': 'entity-title' }, h('p', { class: 'loading' }, t('app.loading')));
  let disposed = false;

  async function load(): Promise<void> {
    try {
      const view = await context.api.getEntity(entity);
      if (!disposed) render(view);
    } catch (error) {
      if (!disposed) replaceChildren(element, errorMessage(error, () => void load()));
    } finally {
      element.removeAttribute('aria-busy');
    }
  }

  function render(view: EntityView): void {
    const width = Math.max(280, Math.min(element.clientWidth || 960, 1400) - 40);
    replaceChildren(
      element,
      h('p', {}, h('a', { href: '#/incidents', class: 'back-link' }, `← ${t('entity.back')}`)),
      h('header', { class: 'page-header' }, h('h1', { id: 'entity-title' }, t('entity.title'), ' ', h('code', {}, view.entity))),
      h(
        'section',
        { class: 'panel chart-panel', 'aria-labelledby': 'entity-chart-title' },
        h('h2', { id: 'entity-chart-title' }, t('entity.perDay'), ' ', h('span', { class: 'muted small' }, tCount('entity.alertCount', view.alerts.length))),
        view.alerts.length ? alertsPerDay(view.alerts, width) : h('p', { class: 'muted' }, t('entity.noAlerts')),
      ),
      incidentsSection(view),
      alertsSection(view.alerts),
    );
  }

  function incidentsSection(view: EntityView): HTMLElement {
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'entity-incidents-title' },
      h('h2', { id: 'entity-incidents-title' }, t('entity.incidents')),
      view.incidents.length === 0
        ? h('p', { class: 'muted' }, t('entity.noIncidents'))
        : h(
            'ul',
            { class: 'story-list', id: 'entity-incidents' },
            view.incidents.map((incident) =>
              h(
                'li',
                {},
                severityBadge(incident.severity),
                ' ',
                h('a', { href: incidentHref(incident.id) }, incident.title),
                ' ',
                statusBadge(incident.status),
                incident.childIds ? [' ', campaignBadge()] : null,
                ' ',
                h('span', { class: 'muted small' }, [formatDateTime(incident.lastSeen), ...incident.organizationIds.map((orgId) => context.organisationName(orgId))].join(' · ')),
              ),
            ),
          ),
    );
  }

  function alertsSection(alerts: readonly EntityAlert[]): HTMLElement {
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'entity-alerts-title' },
      h('h2', { id: 'entity-alerts-title' }, t('entity.alerts')),
      alerts.length === 0
        ? h('p', { class: 'muted' }, t('entity.noAlerts'))
        : h(
            'div',
            { class: 'table-scroll' },
            h(
              'table',
              { class: 'plain-table', id: 'entity-alerts' },
              h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('entity.colTime')), h('th', { scope: 'col' }, t('entity.colRule')), h('th', { scope: 'col' }, t('entity.colOrganisation')))),
              h(
                'tbody',
                {},
                // Newest first, as in the incident's alert list.
                [...alerts].reverse().map((alert) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, h('time', { datetime: alert['@timestamp'] }, formatDateTime(alert['@timestamp']))),
                    h('td', {}, severityBadge(alert.rule.level), ' ', alert.rule.title),
                    h('td', {}, alert.organizationId === null ? '' : context.organisationName(alert.organizationId)),
                  ),
                ),
              ),
            ),
          ),
    );
  }

  void load();
  return {
    title: t('entity.title'),
    element,
    dispose() {
      disposed = true;
    },
  };
}

/** Every UTC day from the first alert to the last (at most MAX_DAYS), stacked by severity. */
function alertsPerDay(alerts: readonly EntityAlert[], width: number): HTMLElement {
  const dayOf = (iso: string) => Math.floor(new Date(iso).getTime() / DAY_MS);
  const last = dayOf(alerts[alerts.length - 1]!['@timestamp']);
  const first = Math.max(dayOf(alerts[0]!['@timestamp']), last - MAX_DAYS + 1);
  const days = Array.from({ length: last - first + 1 }, (_, index) => first + index);
  const severities = [...SEVERITIES];
  const values = severities.map(() => days.map(() => 0));
  for (const alert of alerts) {
    const index = dayOf(alert['@timestamp']) - first;
    if (index >= 0) values[severities.indexOf(alert.rule.level)]![index]! += 1;
  }
  const dayLabel = new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', timeZone: 'UTC' });
  // A few days would otherwise stretch into a few huge bars: the drawing grows with the days, up to the space it gets.
  const drawn = Math.min(width, Math.max(280, 60 + days.length * 40));
  const chart = stackedBarChart(
    { categories: days.map((day) => dayLabel.format(new Date(day * DAY_MS))), series: severities.map((severity) => ({ label: t(`severity.${severity}`), colour: SEVERITY_COLOURS[severity] })), values },
    t('entity.perDay'),
    drawn,
  );
  chart.style.maxWidth = `${drawn}px`;
  return chart;
}
