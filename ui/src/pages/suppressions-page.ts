import type { Suppression } from '../api-types.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { h, replaceChildren, type Child } from '../h.js';
import { formatDateTime, t } from '../i18n.js';
import type { Page, PageContext } from '../page.js';
import { incidentHref } from '../router.js';

/**
 * The suppressions the caller may see (an officer: their organisation's), newest first. Deleting
 * expires one now; expired ones stay listed, greyed, so that one can tell what was silenced when.
 */
export function suppressionsPage(context: PageContext): Page {
  const feedback = h('div', { class: 'feedback', 'aria-live': 'polite' });
  const list = h('div', {}, h('p', { class: 'loading' }, t('app.loading')));
  const say = (content: Child) => replaceChildren(feedback, content);

  async function load(): Promise<void> {
    try {
      replaceChildren(list, table(await context.api.listSuppressions()));
    } catch (error) {
      replaceChildren(list, errorMessage(error, () => void load()));
    }
  }

  function remove(suppression: Suppression): void {
    if (!window.confirm(t('suppressions.deleteConfirm'))) return;
    void context.api
      .deleteSuppression(suppression.id)
      .then(() => say(h('p', { class: 'notice notice-ok' }, t('suppressions.deleted'))))
      .catch((error: unknown) => say(h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error))))
      .then(() => load());
  }

  function organisation(suppression: Suppression): string {
    if (suppression.organizationId === null) return t('suppress.allOrganisations');
    return suppression.organisationName ?? context.organisationName(suppression.organizationId);
  }

  function table(suppressions: readonly Suppression[]): HTMLElement {
    if (suppressions.length === 0) return h('p', { class: 'empty' }, t('suppressions.none'));
    const columns = ['suppressions.organisation', 'suppressions.rule', 'suppressions.conditions', 'suppressions.reason', 'suppressions.expiresAt', 'suppressions.author', 'users.actions'] as const;
    return h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'plain-table stack-table', id: 'suppression-table' },
        h('thead', {}, h('tr', {}, columns.map((key) => h('th', { scope: 'col' }, t(key))))),
        h(
          'tbody',
          {},
          suppressions.map((suppression) =>
            h(
              'tr',
              { id: `suppression-${suppression.id}`, class: suppression.active ? undefined : 'row-disabled' },
              h('td', { 'data-label': t('suppressions.organisation') }, organisation(suppression)),
              h(
                'td',
                { 'data-label': t('suppressions.rule') },
                suppression.ruleId === undefined ? h('span', { class: 'muted' }, t('suppressions.anyRule')) : (suppression.ruleTitle ?? suppression.ruleId),
              ),
              h(
                'td',
                { 'data-label': t('suppressions.conditions') },
                suppression.conditions.length === 0
                  ? h('span', { class: 'muted' }, t('suppressions.noConditions'))
                  : suppression.conditions.map((condition) => h('div', {}, h('code', {}, `${condition.field} = ${condition.value}`))),
              ),
              h(
                'td',
                { 'data-label': t('suppressions.reason') },
                suppression.reason,
                suppression.sourceIncidentId === undefined ? null : h('div', { class: 'small' }, h('a', { href: incidentHref(suppression.sourceIncidentId) }, t('suppressions.fromIncident'))),
              ),
              h(
                'td',
                { 'data-label': t('suppressions.expiresAt'), class: 'suppression-expiry' },
                suppression.active ? formatDateTime(suppression.expiresAt) : t('suppressions.expired', { time: formatDateTime(suppression.expiresAt) }),
              ),
              h('td', { 'data-label': t('suppressions.author') }, suppression.author),
              h(
                'td',
                { 'data-label': t('users.actions') },
                suppression.active
                  ? h('button', { type: 'button', class: 'button button-secondary', id: `delete-${suppression.id}`, on: { click: () => remove(suppression) } }, t('suppressions.delete'))
                  : null,
              ),
            ),
          ),
        ),
      ),
    );
  }

  const element = h(
    'section',
    { class: 'page page-admin', 'aria-labelledby': 'suppressions-title' },
    h('header', { class: 'page-header' }, h('h1', { id: 'suppressions-title' }, t('suppressions.title'))),
    h('p', { class: 'muted' }, t('suppressions.explain')),
    feedback,
    h('section', { class: 'panel' }, list),
  );
  void load();
  return { title: t('suppressions.title'), element };
}
