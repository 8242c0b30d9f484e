import { ORGANISATION_KINDS, REPORTING_REGIMES, type Contact, type ContactRole, type Organisation, type OrganisationInput, type OrganisationKind, type ReportingRegime } from '../api-types.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { problemList } from '../components/problem-list.js';
import { regimeLabel } from '../components/regime-label.js';
import { h, replaceChildren } from '../h.js';
import { t } from '../i18n.js';
import type { Page, PageContext } from '../page.js';
import { navigate, organisationHref } from '../router.js';

/** The name just created: the edit page it leads to says it was saved. */
let createdName: string | null = null;

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/** Creates (`id` null) or edits an organisation of the registry. */
export function organisationFormPage(context: PageContext, id: string | null): Page {
  const title = id === null ? t('organisations.new') : t('organisations.edit');
  const body = h('div', {}, h('p', { class: 'loading' }, t('app.loading')));
  const element = h(
    'section',
    { class: 'page page-admin', 'aria-labelledby': 'organisation-form-title' },
    h('p', {}, h('a', { href: '#/admin/organisations', class: 'back-link' }, `← ${t('organisations.back')}`)),
    h('header', { class: 'page-header' }, h('h1', { id: 'organisation-form-title' }, title)),
    body,
  );

  async function load(): Promise<void> {
    try {
      const all = await context.api.listFullOrganisations();
      const current = id === null ? null : all.find((organisation) => organisation.id === id) ?? (await context.api.getOrganisation(id));
      replaceChildren(body, form(all, current));
    } catch (error) {
      replaceChildren(body, errorMessage(error, () => void load()));
    }
  }

  function form(all: readonly Organisation[], current: Organisation | null): HTMLElement {
    const status = h('div', { class: 'feedback', 'aria-live': 'polite' }, current && createdName === current.name ? savedNotice(current.name) : null);
    createdName = null;
    const field = (fieldId: string, label: string, control: HTMLElement, hint?: string) =>
      h('div', { class: 'field' }, h('label', { for: fieldId }, label), control, hint ? h('span', { class: 'hint', id: `${fieldId}-hint` }, hint) : null);
    const idInput = h('input', { id: 'org-id', required: true, pattern: '[a-z0-9][a-z0-9\\-]{1,99}', 'aria-describedby': 'org-id-hint', autocomplete: 'off' });
    const name = h('input', { id: 'org-name', required: true, maxlength: 300, value: current?.name ?? '' });
    const kind = h('select', { id: 'org-kind' }, ORGANISATION_KINDS.map((value) => h('option', { value }, t(`kind.${value}`))));
    kind.value = current?.kind ?? 'municipal';
    // An organisation cannot be its own parent; deeper cycles the server refuses.
    const parent = h('select', { id: 'org-parent' }, h('option', { value: '' }, t('organisations.noParent')), all.filter((organisation) => organisation.id !== current?.id).map((organisation) => h('option', { value: organisation.id }, organisation.name)));
    parent.value = current?.parentId ?? '';
    const networks = h('textarea', { id: 'org-networks', rows: 4, 'aria-describedby': 'org-networks-hint', spellcheck: 'false' });
    networks.value = (current?.networks ?? []).join('\n');
    const domains = h('textarea', { id: 'org-domains', rows: 3, 'aria-describedby': 'org-domains-hint', spellcheck: 'false' });
    domains.value = (current?.domains ?? []).join('\n');
    const regime = h('select', { id: 'org-regime' }, REPORTING_REGIMES.map((value) => h('option', { value }, regimeLabel(value))));
    regime.value = current?.reportingRegime ?? 'section17';
    const critical = h('input', { type: 'checkbox', id: 'org-critical', checked: current?.critical ?? false });

    const contactFields = (role: ContactRole) => {
      const existing = current?.contacts.find((contact) => contact.role === role);
      const contactName = h('input', { id: `org-${role}-name`, maxlength: 200, value: existing?.name ?? '', autocomplete: 'off' });
      const email = h('input', { id: `org-${role}-email`, type: 'email', value: existing?.email ?? '', autocomplete: 'off' });
      const phone = h('input', { id: `org-${role}-phone`, type: 'tel', maxlength: 50, value: existing?.phone ?? '', autocomplete: 'off' });
      const fieldset = h(
        'fieldset',
        { class: 'contact-fieldset' },
        h('legend', {}, t(`contact.${role}`)),
        h('div', { class: 'form-grid' }, field(contactName.id, t('contact.name'), contactName), field(email.id, t('contact.email'), email), field(phone.id, t('contact.phone'), phone)),
      );
      const read = (): Contact | null => {
        if (!contactName.value.trim() && !email.value.trim()) return null;
        return { role, name: contactName.value.trim(), email: email.value.trim(), ...(phone.value.trim() ? { phone: phone.value.trim() } : {}) };
      };
      return { fieldset, read };
    };
    const isb = contactFields('isb');
    const deputy = contactFields('isb_deputy');

    async function save(): Promise<void> {
      // IT and head-of-office contacts are not edited here but must survive an edit.
      const others = (current?.contacts ?? []).filter((contact) => contact.role !== 'isb' && contact.role !== 'isb_deputy');
      const input: OrganisationInput = {
        name: name.value.trim(),
        kind: kind.value as OrganisationKind,
        parentId: parent.value || null,
        networks: lines(networks.value),
        domains: lines(domains.value),
        contacts: [isb.read(), deputy.read(), ...others].filter((contact): contact is Contact => contact !== null),
        reportingRegime: regime.value as ReportingRegime,
        critical: critical.checked,
      };
      try {
        const saved = current ? await context.api.updateOrganisation(current.id, input) : await context.api.createOrganisation(idInput.value.trim(), input);
        if (!current) {
          createdName = saved.name;
          navigate(organisationHref(saved.id));
          return;
        }
        replaceChildren(status, savedNotice(saved.name));
      } catch (error) {
        replaceChildren(status, h('div', { class: 'notice notice-error', role: 'alert' }, errorText(error), problemList(error)));
      }
    }

    return h(
      'form',
      {
        class: 'panel admin-form',
        id: 'organisation-form',
        on: {
          submit: (event) => {
            event.preventDefault();
            void save();
          },
        },
      },
      status,
      h(
        'div',
        { class: 'form-grid' },
        current ? h('div', { class: 'field' }, h('span', { class: 'label' }, t('organisations.id')), h('code', {}, current.id)) : field('org-id', t('organisations.id'), idInput, t('organisations.idHint')),
        field('org-name', t('organisations.name'), name),
        field('org-kind', t('organisations.kind'), kind),
        field('org-parent', t('organisations.parent'), parent),
        field('org-regime', t('organisations.regime'), regime),
      ),
      h('div', { class: 'field field-check' }, h('label', { for: 'org-critical' }, critical, ' ', t('organisations.criticalField'))),
      h('div', { class: 'form-grid' }, field('org-networks', t('organisations.networks'), networks, t('organisations.networksHint')), field('org-domains', t('organisations.domains'), domains, t('report.onePerLine'))),
      isb.fieldset,
      deputy.fieldset,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button', id: 'organisation-save' }, t('organisations.save'))),
    );
  }

  void load();
  return { title, element };
}

function savedNotice(name: string): HTMLElement {
  return h('p', { class: 'notice notice-ok', id: 'organisation-saved' }, t('organisations.saved', { name }));
}
