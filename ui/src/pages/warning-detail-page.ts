import type { WarningDelivery, WarningDetail } from '../api-types.js';
import { downloadButton } from '../components/download-button.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { tlpBadge } from '../components/tlp-badge.js';
import { warningSeverityBadge } from '../components/warning-severity-badge.js';
import { h, replaceChildren, type Child } from '../h.js';
import { formatDateTime, t } from '../i18n.js';
import type { Page, PageContext } from '../page.js';

/**
 * One warning. Its text is the CERT's, but it may quote attacker-controlled material (indicators,
 * log excerpts), so it is shown as text like everything else. A recipient organisation acknowledges
 * here; the CERT sees who has read and acknowledged.
 */
export function warningDetailPage(context: PageContext, id: string): Page {
  const element = h('section', { class: 'page page-warning', 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('app.loading')));
  const ownOrganisation = context.me.organizationId;
  let disposed = false;
  let feedback: Child = null;

  async function load(focusId?: string): Promise<void> {
    try {
      const detail = await context.api.getWarning(id);
      if (disposed) return;
      render(detail);
      if (focusId) document.getElementById(focusId)?.focus();
    } catch (error) {
      if (!disposed) replaceChildren(element, errorMessage(error, () => void load()));
    } finally {
      element.removeAttribute('aria-busy');
    }
  }

  async function acknowledge(): Promise<void> {
    try {
      await context.api.acknowledgeWarning(id);
      feedback = null;
    } catch (error) {
      feedback = h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error));
    }
    await load('acknowledgement');
  }

  async function lifecycle(run: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await run();
      feedback = h('p', { class: 'notice notice-ok' }, done);
    } catch (error) {
      feedback = h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error));
    }
    await load('warning-actions');
  }

  /** Approve (a second analyst), publish, and once published the CSAF document: the CERT's controls. */
  function certActions(warning: WarningDetail['warning']): HTMLElement {
    return h(
      'div',
      { class: 'panel button-row no-print', id: 'warning-actions', tabindex: '-1' },
      h('span', { class: 'status' }, t(`warningStatus.${warning.status}`)),
      warning.status === 'draft' ? h('button', { type: 'button', class: 'button button-secondary', id: 'warning-approve', on: { click: () => void lifecycle(() => context.api.approveWarning(warning.id), t('warnings.approvedDone')) } }, t('warnings.approve')) : null,
      warning.status !== 'published' ? h('button', { type: 'button', class: 'button', id: 'warning-publish', on: { click: () => void lifecycle(() => context.api.publishWarning(warning.id), t('warnings.publishedDone')) } }, t('warnings.publish')) : null,
      warning.status === 'published'
        ? downloadButton('warning-csaf', t('warnings.csaf'), () => context.api.warningCsaf(warning.id), (error) => {
            feedback = h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error));
            void load();
          })
        : null,
    );
  }

  function render({ warning, deliveries }: WarningDetail): void {
    const own = ownOrganisation ? deliveries.find((delivery) => delivery.organizationId === ownOrganisation) : undefined;
    const section = (titleId: string, title: string, ...content: Child[]) => h('section', { class: 'panel', 'aria-labelledby': titleId }, h('h2', { id: titleId }, title), ...content);
    replaceChildren(
      element,
      h('p', {}, h('a', { href: '#/warnings', class: 'back-link' }, `← ${t('warnings.back')}`)),
      h(
        'header',
        { class: 'page-header incident-header' },
        h('h1', { id: 'warning-title' }, warning.title),
        h('div', { class: 'badges' }, warningSeverityBadge(warning.severity), tlpBadge(warning.tlp), warning.trackingId ? h('span', { class: 'tag' }, warning.trackingId) : null),
      ),
      h('div', { class: 'feedback', 'aria-live': 'polite' }, feedback),
      own ? acknowledgement(own) : null,
      ownOrganisation ? null : certActions(warning),
      section('warning-summary', t('warnings.summary'), h('p', { class: 'prose' }, warning.summary), warning.publishedAt ? h('p', { class: 'muted small' }, `${t('warnings.colPublished')}: ${formatDateTime(warning.publishedAt)}`) : null),
      warning.details ? section('warning-details', t('warnings.details'), h('p', { class: 'prose' }, warning.details)) : null,
      warning.products.length
        ? section(
            'warning-products',
            t('warnings.products'),
            h(
              'ul',
              {},
              warning.products.map((product) => h('li', {}, `${product.vendor} ${product.product}`, product.versions.length ? ` (${product.versions.join(', ')})` : '', product.cves.length ? ` · ${product.cves.join(', ')}` : '')),
            ),
          )
        : null,
      warning.measures.length ? section('warning-measures', t('warnings.measures'), h('ol', {}, warning.measures.map((measure) => h('li', { class: 'prose' }, measure)))) : null,
      warning.indicators.length ? section('warning-indicators', t('warnings.indicators'), h('ul', {}, warning.indicators.map((indicator) => h('li', {}, `${indicator.type}: `, h('code', {}, indicator.value))))) : null,
      !ownOrganisation && deliveries.length ? deliveriesSection(deliveries) : null,
    );
    element.setAttribute('aria-labelledby', 'warning-title');
  }

  function acknowledgement(delivery: WarningDelivery): HTMLElement {
    return h(
      'div',
      { class: 'panel acknowledgement', id: 'acknowledgement', tabindex: '-1' },
      delivery.acknowledgedAt
        ? h('p', { class: 'notice notice-ok' }, t('warnings.acknowledged', { time: formatDateTime(delivery.acknowledgedAt), who: delivery.acknowledgedByName ?? '–' }))
        : h(
            'div',
            { class: 'button-row' },
            h('p', { class: 'notice' }, t('warnings.notAcknowledged')),
            h('button', { type: 'button', class: 'button', id: 'acknowledge', on: { click: () => void acknowledge() } }, t('warnings.acknowledge')),
          ),
    );
  }

  function deliveriesSection(deliveries: WarningDelivery[]): HTMLElement {
    const when = (iso: string | null, who: string | null) => (iso ? `${formatDateTime(iso)}${who ? ` · ${who}` : ''}` : t('warnings.no'));
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'warning-deliveries' },
      h('h2', { id: 'warning-deliveries' }, t('warnings.deliveries')),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'plain-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('warnings.organisation')), h('th', { scope: 'col' }, t('warnings.read')), h('th', { scope: 'col' }, t('warnings.ackColumn')))),
          h(
            'tbody',
            {},
            deliveries.map((delivery) =>
              h('tr', {}, h('td', {}, context.organisationName(delivery.organizationId)), h('td', {}, when(delivery.readAt, delivery.readByName)), h('td', {}, when(delivery.acknowledgedAt, delivery.acknowledgedByName))),
            ),
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
