import type { Organisation } from '../api-types.js';
import { errorMessage } from '../components/error-message.js';
import { regimeLabel } from '../components/regime-label.js';
import { h, replaceChildren } from '../h.js';
import { t } from '../i18n.js';
import type { Page, PageContext } from '../page.js';
import { organisationHref } from '../router.js';

/** Each organisation after its parent, with its depth; orphans (parent unknown or unseen) count as roots. */
export function hierarchyOrder(organisations: readonly Organisation[]): { organisation: Organisation; depth: number }[] {
  const ids = new Set(organisations.map((organisation) => organisation.id));
  const children = new Map<string | null, Organisation[]>();
  for (const organisation of organisations) {
    const parent = organisation.parentId && ids.has(organisation.parentId) ? organisation.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), organisation]);
  }
  const ordered: { organisation: Organisation; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const organisation of [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'de'))) {
      ordered.push({ organisation, depth });
      // A cycle in the registry must not hang the page: depth 20 is far beyond any real hierarchy.
      if (depth < 20) visit(organisation.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** The admin's registry: every organisation under its parent, with networks, regime and contacts at a glance. */
export function organisationsPage(context: PageContext): Page {
  const body = h('div', { 'aria-live': 'polite' }, h('p', { class: 'loading' }, t('app.loading')));
  const element = h(
    'section',
    { class: 'page page-admin', 'aria-labelledby': 'organisations-title' },
    h('header', { class: 'page-header' }, h('h1', { id: 'organisations-title' }, t('organisations.title')), h('a', { class: 'button', href: '#/admin/organisations/new', id: 'organisation-new' }, t('organisations.new'))),
    body,
  );

  async function load(): Promise<void> {
    try {
      const organisations = await context.api.listFullOrganisations();
      replaceChildren(
        body,
        h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'plain-table stack-table', id: 'organisation-table' },
            h(
              'thead',
              {},
              h('tr', {}, (['organisations.name', 'organisations.kind', 'organisations.regime', 'organisations.networks', 'organisations.contacts'] as const).map((key) => h('th', { scope: 'col' }, t(key)))),
            ),
            h(
              'tbody',
              {},
              hierarchyOrder(organisations).map(({ organisation, depth }) => {
                const name = h('td', { 'data-label': t('organisations.name') }, depth ? h('span', { class: 'tree-mark', 'aria-hidden': 'true' }, '└ ') : null, h('a', { href: organisationHref(organisation.id), id: `organisation-link-${organisation.id}` }, organisation.name), organisation.critical ? h('span', { class: 'tag tag-critical' }, t('organisations.critical')) : null);
                name.style.paddingLeft = `${0.5 + depth * 1.25}rem`;
                const isb = organisation.contacts.find((contact) => contact.role === 'isb');
                return h(
                  'tr',
                  { 'data-depth': depth },
                  name,
                  h('td', { 'data-label': t('organisations.kind') }, t(`kind.${organisation.kind}`)),
                  h('td', { 'data-label': t('organisations.regime') }, regimeLabel(organisation.reportingRegime)),
                  h('td', { 'data-label': t('organisations.networks') }, organisation.networks.map((network) => h('code', { class: 'chip' }, network))),
                  h('td', { 'data-label': t('organisations.contacts') }, isb ? `${isb.name} <${isb.email}>` : h('span', { class: 'muted' }, t('organisations.noIsb'))),
                );
              }),
            ),
          ),
        ),
      );
    } catch (error) {
      replaceChildren(body, errorMessage(error, () => void load()));
    }
  }

  void load();
  return { title: t('organisations.title'), element };
}
