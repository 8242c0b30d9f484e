import { OPEN_STATUSES, INCIDENT_STATUSES, SEVERITIES, type Incident, type IncidentChange, type IncidentFilter, type IncidentPage, type IncidentStatus, type Severity } from '../api-types.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { campaignBadge } from '../components/campaign-badge.js';
import { severityBadge } from '../components/severity-badge.js';
import { statusBadge } from '../components/status-badge.js';
import { tlpBadge } from '../components/tlp-badge.js';
import { h, replaceChildren } from '../h.js';
import { formatDateTime, formatNumber, t, tCount } from '../i18n.js';
import type { MessageKey } from '../i18n/de.js';
import type { Page, PageContext } from '../page.js';
import { incidentHref } from '../router.js';

const PAGE_SIZE = 25;
const REFRESH_MS = 10_000;

type SortField = NonNullable<IncidentFilter['sort']>;
type StatusChoice = '' | 'open' | IncidentStatus;

interface QueueState {
  status: StatusChoice;
  severity: '' | Severity;
  q: string;
  sort: SortField;
  order: 'asc' | 'desc';
  /** The cursor of each page visited so far; index 0 is the first page (no cursor). */
  cursors: (string | undefined)[];
}

/** Kept across navigation, so that coming back from an incident shows the same filtered page. */
let state: QueueState = initialState();

function initialState(): QueueState {
  return { status: 'open', severity: '', q: '', sort: 'lastSeen', order: 'desc', cursors: [undefined] };
}

export function incidentQueuePage(context: PageContext): Page {
  const statusSelect = h(
    'select',
    { id: 'filter-status', name: 'status' },
    h('option', { value: '' }, t('incidents.allStatuses')),
    h('option', { value: 'open' }, t('incidents.openOnly')),
    INCIDENT_STATUSES.map((status) => h('option', { value: status }, t(`status.${status}`))),
  );
  statusSelect.value = state.status;
  const severitySelect = h(
    'select',
    { id: 'filter-severity', name: 'severity' },
    h('option', { value: '' }, t('incidents.allSeverities')),
    [...SEVERITIES].reverse().map((severity) => h('option', { value: severity }, t(`severity.${severity}`))),
  );
  severitySelect.value = state.severity;
  const search = h('input', { id: 'filter-q', name: 'q', type: 'search', placeholder: t('incidents.searchPlaceholder'), value: state.q });

  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('incidents.filters'), on: { submit: (event) => applyFilters(event) } },
    h('div', { class: 'field' }, h('label', { for: 'filter-status' }, t('incidents.status')), statusSelect),
    h('div', { class: 'field' }, h('label', { for: 'filter-severity' }, t('incidents.severity')), severitySelect),
    h('div', { class: 'field field-grow' }, h('label', { for: 'filter-q' }, t('incidents.search')), search),
    h(
      'div',
      { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'button' }, t('incidents.apply')),
      h('button', { type: 'button', class: 'button button-secondary', on: { click: resetFilters } }, t('incidents.reset')),
    ),
  );
  statusSelect.addEventListener('change', () => applyFilters());
  severitySelect.addEventListener('change', () => applyFilters());

  const summary = h('p', { class: 'queue-summary', 'aria-live': 'polite' });
  const tableHost = h('div', { class: 'table-host' });
  const paging = h('nav', { class: 'paging', 'aria-label': t('incidents.paging') });
  const element = h(
    'section',
    { class: 'page page-incidents', 'aria-labelledby': 'incidents-title' },
    h('header', { class: 'page-header' }, h('h1', { id: 'incidents-title' }, t('incidents.title')), h('p', { class: 'muted small' }, t('incidents.autoRefresh'))),
    filters,
    summary,
    tableHost,
    paging,
  );

  let loading = false;
  let disposed = false;
  /** Kept across the 10 s refresh, so that a selection survives new incidents arriving. */
  const selected = new Set<string>();
  const bulkStatus = h('span', { class: 'muted small', 'aria-live': 'polite' });
  const bulkButton = (id: string, label: string, patch: IncidentChange) => h('button', { type: 'button', class: 'button button-secondary', id, on: { click: () => void bulk(patch) } }, label);
  const bulkBar = h(
    'div',
    { class: 'bulk-bar', role: 'group', 'aria-label': t('queue.bulkActions') },
    bulkStatus,
    bulkButton('bulk-acknowledge', t('queue.bulkAcknowledge'), { status: 'acknowledged' }),
    bulkButton('bulk-close', t('queue.bulkClose'), { status: 'closed' }),
    bulkButton('bulk-assign', t('queue.bulkAssign'), { assignee: context.me.id }),
  );
  tableHost.before(bulkBar);

  function showSelection(): void {
    bulkStatus.textContent = t('queue.selected', { count: selected.size });
    for (const button of bulkBar.querySelectorAll('button')) button.disabled = selected.size === 0;
  }

  async function bulk(patch: IncidentChange): Promise<void> {
    try {
      const { results } = await context.api.bulkUpdateIncidents([...selected], patch);
      const ok = results.filter((result) => result.ok).length;
      selected.clear();
      await load();
      bulkStatus.textContent = t('queue.bulkDone', { ok, failed: results.length - ok });
    } catch (error) {
      bulkStatus.textContent = errorText(error);
    }
  }

  function applyFilters(event?: Event): void {
    event?.preventDefault();
    state = { ...state, status: statusSelect.value as StatusChoice, severity: severitySelect.value as '' | Severity, q: search.value.trim(), cursors: [undefined] };
    void load();
  }

  function resetFilters(): void {
    state = initialState();
    statusSelect.value = state.status;
    severitySelect.value = state.severity;
    search.value = '';
    void load();
  }

  function sortBy(field: SortField): void {
    const order = state.sort === field && state.order === 'desc' ? 'asc' : 'desc';
    state = { ...state, sort: field, order, cursors: [undefined] };
    void load(`sort-${field}`);
  }

  async function load(focusId?: string, background = false): Promise<void> {
    if (loading) return;
    loading = true;
    if (!background) element.setAttribute('aria-busy', 'true');
    try {
      const page = await context.api.listIncidents(filterOf(state));
      if (disposed) return;
      const focused = focusId ?? (document.activeElement instanceof HTMLElement && tableHost.contains(document.activeElement) ? document.activeElement.id : undefined);
      render(page);
      if (focused) document.getElementById(focused)?.focus();
    } catch (error) {
      if (disposed) return;
      if (background) replaceChildren(summary, t('incidents.refreshFailed', { detail: errorText(error) }));
      else replaceChildren(tableHost, errorMessage(error, () => void load()));
    } finally {
      loading = false;
      element.removeAttribute('aria-busy');
    }
  }

  function render(page: IncidentPage): void {
    const pageIndex = state.cursors.length - 1;
    replaceChildren(
      summary,
      tCount('incidents.total', page.total),
      ' · ',
      t('incidents.updatedAt', { time: formatDateTime(new Date().toISOString()) }),
    );
    showSelection();
    replaceChildren(tableHost, page.items.length === 0 ? h('p', { class: 'empty' }, t('incidents.empty')) : incidentTable(page.items));
    const previous = h('button', { type: 'button', class: 'button button-secondary', id: 'page-previous', disabled: pageIndex === 0, on: { click: () => turn(-1) } }, t('incidents.previous'));
    const next = h('button', { type: 'button', class: 'button button-secondary', id: 'page-next', disabled: !page.nextCursor, on: { click: () => turn(1, page.nextCursor ?? undefined) } }, t('incidents.next'));
    replaceChildren(paging, previous, h('span', { class: 'page-number' }, t('incidents.page', { page: pageIndex + 1 })), next);
  }

  function turn(step: -1 | 1, cursor?: string): void {
    state = { ...state, cursors: step === 1 ? [...state.cursors, cursor] : state.cursors.slice(0, -1) };
    void load(step === 1 ? 'page-next' : 'page-previous');
  }

  function incidentTable(incidents: Incident[]): HTMLElement {
    const columns: { key: MessageKey; sort?: SortField; className: string }[] = [
      { key: 'incidents.colSeverity', sort: 'severity', className: 'col-severity' },
      { key: 'incidents.colTitle', className: 'col-title' },
      { key: 'incidents.colOrganisations', className: 'col-organisations' },
      { key: 'incidents.colStatus', className: 'col-status' },
      { key: 'incidents.colTlp', className: 'col-tlp' },
      { key: 'incidents.colAlerts', className: 'col-alerts' },
      { key: 'incidents.colLastSeen', sort: 'lastSeen', className: 'col-last-seen' },
    ];
    for (const id of [...selected]) if (!incidents.some((incident) => incident.id === id)) selected.delete(id);
    const selectAll = h('input', {
      type: 'checkbox',
      id: 'select-all',
      'aria-label': t('queue.selectAll'),
      checked: incidents.length > 0 && incidents.every((incident) => selected.has(incident.id)),
      on: {
        change: (event) => {
          const checked = (event.target as HTMLInputElement).checked;
          for (const incident of incidents) {
            if (checked) selected.add(incident.id);
            else selected.delete(incident.id);
          }
          for (const box of tableHost.querySelectorAll<HTMLInputElement>('input.row-select')) box.checked = checked;
          showSelection();
        },
      },
    });
    const selectBox = (incident: Incident) =>
      h('input', {
        type: 'checkbox',
        class: 'row-select',
        id: `select-${incident.id}`,
        'aria-label': t('queue.select', { title: incident.title }),
        checked: selected.has(incident.id),
        on: {
          change: (event) => {
            if ((event.target as HTMLInputElement).checked) selected.add(incident.id);
            else selected.delete(incident.id);
            showSelection();
          },
        },
      });
    const header = [h('th', { scope: 'col', class: 'col-select' }, selectAll)].concat(columns.map((column) => {
      const label = t(column.key);
      if (!column.sort) return h('th', { scope: 'col', class: column.className }, label);
      const active = state.sort === column.sort;
      const sortField = column.sort;
      return h(
        'th',
        { scope: 'col', class: column.className, 'aria-sort': active ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none' },
        h(
          'button',
          { type: 'button', class: 'sort-button', id: `sort-${sortField}`, title: t('incidents.sortBy', { column: label }), on: { click: () => sortBy(sortField) } },
          label,
          h('span', { class: 'sort-indicator', 'aria-hidden': 'true' }, active ? (state.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'),
        ),
      );
    }));
    const cell = (key: MessageKey, className: string, ...content: (Node | string)[]) => h('td', { class: className, 'data-label': t(key) }, ...content);
    const rows = incidents.map((incident) =>
      h(
        'tr',
        { class: `incident-row severity-row-${incident.severity}`, 'data-incident-id': incident.id },
        h('td', { class: 'col-select' }, selectBox(incident)),
        cell(
          'incidents.colSeverity',
          'col-severity',
          severityBadge(incident.severity),
          ...(incident.risk ? [' ', h('span', { class: 'muted small risk-inline', title: t('risk.meterLabel') }, String(incident.risk.score))] : []),
        ),
        cell('incidents.colTitle', 'col-title', h('a', { href: incidentHref(incident.id), id: `incident-link-${incident.id}`, class: 'incident-link' }, incident.title), ...(incident.childIds ? [' ', campaignBadge()] : [])),
        cell('incidents.colOrganisations', 'col-organisations', incident.organizationIds.map((id) => context.organisationName(id)).join(', ')),
        cell('incidents.colStatus', 'col-status', statusBadge(incident.status)),
        cell('incidents.colTlp', 'col-tlp', tlpBadge(incident.tlp)),
        cell('incidents.colAlerts', 'col-alerts', formatNumber(incident.alertCount)),
        cell('incidents.colLastSeen', 'col-last-seen', h('time', { datetime: incident.lastSeen }, formatDateTime(incident.lastSeen))),
      ),
    );
    return h('table', { class: 'incident-table' }, h('caption', { class: 'visually-hidden' }, t('incidents.title')), h('thead', {}, h('tr', {}, header)), h('tbody', {}, rows));
  }

  void load();
  const timer = window.setInterval(() => {
    if (!document.hidden) void load(undefined, true);
  }, REFRESH_MS);

  return {
    title: t('incidents.title'),
    element,
    dispose() {
      disposed = true;
      window.clearInterval(timer);
    },
  };
}

function filterOf(current: QueueState): IncidentFilter {
  const filter: IncidentFilter = { sort: current.sort, order: current.order, limit: PAGE_SIZE };
  if (current.status === 'open') filter.status = OPEN_STATUSES;
  else if (current.status) filter.status = [current.status];
  if (current.severity) filter.severity = [current.severity];
  if (current.q) filter.q = current.q;
  const cursor = current.cursors[current.cursors.length - 1];
  if (cursor) filter.cursor = cursor;
  return filter;
}
