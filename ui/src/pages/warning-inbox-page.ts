import type { Warning } from '../api-types.js';
import { errorMessage } from '../components/error-message.js';
import { tlpBadge } from '../components/tlp-badge.js';
import { warningSeverityBadge } from '../components/warning-severity-badge.js';
import { h, replaceChildren } from '../h.js';
import { formatDateTime, t } from '../i18n.js';
import type { MessageKey } from '../i18n/de.js';
import type { Page, PageContext } from '../page.js';
import { warningHref } from '../router.js';

/** The warnings the caller may read: the organisation's inbox, or every warning for the CERT. */
export function warningInboxPage(context: PageContext): Page {
  const host = h('div', { class: 'table-host' }, h('p', { class: 'loading' }, t('app.loading')));
  const element = h(
    'section',
    { class: 'page page-warnings', 'aria-labelledby': 'warnings-title' },
    h(
      'header',
      { class: 'page-header' },
      h('h1', { id: 'warnings-title' }, t('warnings.title')),
      context.me.role === 'admin' || context.me.role === 'analyst' ? h('a', { href: '#/warnings/new', class: 'button', id: 'compose-warning' }, t('compose.title')) : null,
    ),
    context.me.role === 'officer' || context.me.role === 'recipient' ? h('p', { class: 'muted' }, t('warnings.intro')) : null,
    host,
  );
  let disposed = false;

  async function load(): Promise<void> {
    try {
      const page = await context.api.listWarnings();
      if (!disposed) replaceChildren(host, page.items.length === 0 ? h('p', { class: 'empty' }, t('warnings.empty')) : table(page.items));
    } catch (error) {
      if (!disposed) replaceChildren(host, errorMessage(error, () => void load()));
    }
  }

  function table(warnings: Warning[]): HTMLElement {
    const cell = (key: MessageKey, className: string, ...content: (Node | string)[]) => h('td', { class: className, 'data-label': t(key) }, ...content);
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
          h('th', { scope: 'col' }, t('warnings.colSeverity')),
          h('th', { scope: 'col' }, t('warnings.colTitle')),
          h('th', { scope: 'col' }, t('warnings.colTracking')),
          h('th', { scope: 'col' }, t('warnings.colTlp')),
          h('th', { scope: 'col' }, t('warnings.colStatus')),
          h('th', { scope: 'col' }, t('warnings.colPublished')),
        ),
      ),
      h(
        'tbody',
        {},
        warnings.map((warning) =>
          h(
            'tr',
            { class: 'warning-row', 'data-warning-id': warning.id },
            cell('warnings.colSeverity', 'col-severity', warningSeverityBadge(warning.severity)),
            cell('warnings.colTitle', 'col-title', h('a', { href: warningHref(warning.id), class: 'incident-link', id: `warning-link-${warning.id}` }, warning.title)),
            cell('warnings.colTracking', 'col-tracking', warning.trackingId ?? t('warnings.no')),
            cell('warnings.colTlp', 'col-tlp', tlpBadge(warning.tlp)),
            cell('warnings.colStatus', 'col-status', h('span', { class: 'status' }, t(`warningStatus.${warning.status}`))),
            cell('warnings.colPublished', 'col-last-seen', warning.publishedAt ? formatDateTime(warning.publishedAt) : t('warnings.no')),
          ),
        ),
      ),
    );
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
