import type { AudiencePreview, WarningDelivery, WarningDetail } from '../api-types.js';
import { acknowledgementRate, audienceLabel } from '../components/audience-label.js';
import { downloadButton } from '../components/download-button.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { organisationList } from '../components/organisation-list.js';
import { tlpBadge } from '../components/tlp-badge.js';
import { warningSeverityBadge } from '../components/warning-severity-badge.js';
import { h, replaceChildren, type Child } from '../h.js';
import { formatDateTime, isMessageKey, locale, t, tCount } from '../i18n.js';
import type { Page, PageContext } from '../page.js';
import { warningEditHref } from '../router.js';

/** An indicator's type in words; a type this UI does not know stays as the server wrote it. */
function indicatorType(type: string): string {
  const key = `warnings.indicator.${type}`;
  return isMessageKey(key) ? t(key) : type;
}

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
      const reach = await reachNow(detail.warning);
      if (disposed) return;
      render(detail, reach);
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

  /** Before publication the CERT sees whom publishing would reach now, resolved as publishing resolves it. */
  async function reachNow(warning: WarningDetail['warning']): Promise<AudiencePreview | Error | null> {
    if (ownOrganisation || warning.status === 'published' || !warning.audience) return null;
    return context.api.previewAudience({ audience: warning.audience, tlp: warning.tlp, recipientUserIds: warning.recipientUserIds ?? [] }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  }

  /** Who the warning is for, in words; once published with the organisations it reached, before that with whom it would reach now. */
  function audienceSection(warning: WarningDetail['warning'], reach: AudiencePreview | Error | null): HTMLElement | null {
    if (!warning.audience) return null;
    const count = warning.status === 'published' ? (warning.organizationIds?.length ?? null) : reach instanceof Error || reach === null ? undefined : reach.count;
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'warning-audience' },
      h('h2', { id: 'warning-audience' }, t('warnings.audience')),
      h('p', { id: 'warning-audience-label' }, audienceLabel(warning.audience, count, context.organisationName)),
      reach instanceof Error ? h('p', { class: 'notice notice-error', role: 'alert' }, errorText(reach)) : null,
      reach && !(reach instanceof Error) && reach.count > 0
        ? h(
            'details',
            { class: 'inline-details' },
            h('summary', {}, `${t('warnings.reachesNow')}: ${tCount('warnings.organisationCount', reach.count)}`),
            organisationList('warning-reach-list', reach.organisations),
          )
        : null,
    );
  }

  /** Approve (a second analyst), publish, and once published the CSAF document: the CERT's controls. */
  function certActions(warning: WarningDetail['warning']): HTMLElement {
    return h(
      'div',
      { class: 'panel button-row no-print', id: 'warning-actions', tabindex: '-1' },
      h('span', { class: 'status' }, t(`warningStatus.${warning.status}`)),
      warning.status !== 'published' ? h('a', { class: 'button button-secondary', id: 'warning-edit', href: warningEditHref(warning.id) }, t('warnings.edit')) : null,
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

  function render({ warning, deliveries }: WarningDetail, reach: AudiencePreview | Error | null): void {
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
      ownOrganisation ? null : audienceSection(warning, reach),
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
      warning.indicators.length ? section('warning-indicators', t('warnings.indicators'), h('ul', {}, warning.indicators.map((indicator) => h('li', {}, `${indicatorType(indicator.type)}: `, h('code', {}, indicator.value))))) : null,
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
      h('p', { id: 'warning-ack-rate' }, acknowledgementRate({ addressed: deliveries.length, read: deliveries.filter((delivery) => delivery.readAt).length, acknowledged: deliveries.filter((delivery) => delivery.acknowledgedAt).length })),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'plain-table', id: 'warning-deliveries-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('warnings.organisation')), h('th', { scope: 'col' }, t('warnings.read')), h('th', { scope: 'col' }, t('warnings.ackColumn')))),
          h(
            'tbody',
            {},
            deliveries
              .map((delivery) => ({ delivery, name: context.organisationName(delivery.organizationId) }))
              .sort((a, b) => a.name.localeCompare(b.name, locale()))
              .map(({ delivery, name }) =>
                h('tr', {}, h('td', {}, name), h('td', {}, when(delivery.readAt, delivery.readByName)), h('td', {}, when(delivery.acknowledgedAt, delivery.acknowledgedByName))),
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
