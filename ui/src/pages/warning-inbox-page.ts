import type { WarningListItem } from '../api-types.js';
import { acknowledgementRate, audienceLabel } from '../components/audience-label.js';
import { errorMessage } from '../components/error-message.js';
import { tlpBadge } from '../components/tlp-badge.js';
import { warningSeverityBadge } from '../components/warning-severity-badge.js';
import { h, replaceChildren } from '../h.js';
import { formatDateTime, formatNumber, t } from '../i18n.js';
import type { MessageKey } from '../i18n/de.js';
import type { Page, PageContext } from '../page.js';
import { warningHref } from '../router.js';

/** A year's warnings fit many times over; the filter then works on the whole inbox, not one page of it. */
const MAX_PAGES = 20;

const FILTERS = ['all', 'open', 'acknowledged'] as const;
type Filter = (typeof FILTERS)[number];
const FILTER_LABELS: Record<Filter, MessageKey> = { all: 'warnings.filterAll', open: 'warnings.filterOpen', acknowledged: 'warnings.filterAcknowledged' };

/**
 * The warnings the caller may read. An organisation's inbox says per warning whether the
 * organisation has acknowledged it, and filters by that; the CERT's list says who each warning is
 * for and how many of them have acknowledged.
 */
export function warningInboxPage(context: PageContext): Page {
  const cert = context.me.role === 'admin' || context.me.role === 'analyst';
  const host = h('div', { class: 'table-host' }, h('p', { class: 'loading' }, t('app.loading')));
  const filter = h('select', { id: 'warning-filter' });
  const filters = cert ? null : h('div', { class: 'filters warning-filters' }, h('div', { class: 'field' }, h('label', { for: 'warning-filter' }, t('warnings.filter')), filter));
  const element = h(
    'section',
    { class: 'page page-warnings', 'aria-labelledby': 'warnings-title' },
    h('header', { class: 'page-header' }, h('h1', { id: 'warnings-title' }, t('warnings.title')), cert ? h('a', { href: '#/warnings/new', class: 'button', id: 'compose-warning' }, t('compose.title')) : null),
    cert ? null : h('p', { class: 'muted' }, t('warnings.intro')),
    filters,
    host,
  );
  let disposed = false;
  let warnings: WarningListItem[] = [];

  async function load(): Promise<void> {
    try {
      const items: WarningListItem[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await context.api.listWarnings(cursor);
        items.push(...result.items);
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      if (disposed) return;
      warnings = items;
      render();
    } catch (error) {
      if (!disposed) replaceChildren(host, errorMessage(error, () => void load()));
    }
  }

  const acknowledged = (warning: WarningListItem) => (warning.acknowledgement?.acknowledged ?? 0) > 0;

  function render(): void {
    if (!cert) {
      const counts: Record<Filter, number> = { all: warnings.length, open: warnings.filter((warning) => !acknowledged(warning)).length, acknowledged: warnings.filter(acknowledged).length };
      const chosen = (filter.value || 'all') as Filter;
      replaceChildren(filter, FILTERS.map((value) => h('option', { value }, `${t(FILTER_LABELS[value])} (${formatNumber(counts[value])})`)));
      filter.value = chosen;
    }
    const shown = cert ? warnings : warnings.filter((warning) => (filter.value === 'open' ? !acknowledged(warning) : filter.value === 'acknowledged' ? acknowledged(warning) : true));
    if (warnings.length === 0) replaceChildren(host, h('p', { class: 'empty' }, t('warnings.empty')));
    else if (shown.length === 0) replaceChildren(host, h('p', { class: 'empty' }, t('warnings.emptyFiltered')));
    else replaceChildren(host, table(shown));
  }
  filter.addEventListener('change', render);

  function table(items: WarningListItem[]): HTMLElement {
    const cell = (key: MessageKey, className: string, ...content: (Node | string)[]) => h('td', { class: className, 'data-label': t(key) }, ...content);
    const column = (key: MessageKey) => h('th', { scope: 'col' }, t(key));
    return h(
      'table',
      { class: 'incident-table warning-table' },
      h('caption', { class: 'visually-hidden' }, t('warnings.title')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          column('warnings.colSeverity'),
          column('warnings.colTitle'),
          column('warnings.colTracking'),
          column('warnings.colTlp'),
          cert ? [column('warnings.colStatus'), column('warnings.colAudience')] : null,
          column('warnings.colAcknowledgement'),
          column('warnings.colPublished'),
        ),
      ),
      h(
        'tbody',
        {},
        items.map((warning) =>
          h(
            'tr',
            { class: 'warning-row', 'data-warning-id': warning.id },
            cell('warnings.colSeverity', 'col-severity', warningSeverityBadge(warning.severity)),
            cell('warnings.colTitle', 'col-title', h('a', { href: warningHref(warning.id), class: 'incident-link', id: `warning-link-${warning.id}` }, warning.title)),
            cell('warnings.colTracking', 'col-tracking', warning.trackingId ?? t('warnings.no')),
            cell('warnings.colTlp', 'col-tlp', tlpBadge(warning.tlp)),
            cert
              ? [
                  cell('warnings.colStatus', 'col-status', h('span', { class: 'status' }, t(`warningStatus.${warning.status}`))),
                  cell('warnings.colAudience', 'col-audience', warning.audience ? audienceLabel(warning.audience, warning.audienceCount, context.organisationName) : t('warnings.no')),
                  cell('warnings.colAcknowledgement', 'col-acknowledgement', warning.acknowledgement ? acknowledgementRate(warning.acknowledgement) : t('warnings.no')),
                ]
              : cell('warnings.colAcknowledgement', 'col-acknowledgement', ownState(warning)),
            cell('warnings.colPublished', 'col-last-seen', warning.publishedAt ? formatDateTime(warning.publishedAt) : t('warnings.no')),
          ),
        ),
      ),
    );
  }

  function ownState(warning: WarningListItem): HTMLElement {
    return acknowledged(warning) ? h('span', { class: 'status ack-done' }, t('warnings.ownAcknowledged')) : h('span', { class: 'status ack-open' }, t('warnings.ownOpen'));
  }

  void load();
  return {
    title: t('warnings.title'),
    element,
    dispose() {
      disposed = true;
    },
  };
}
