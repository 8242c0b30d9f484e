import { TLP_LABELS, WARNING_SEVERITIES, type Tlp, type WarningAudience, type WarningInput, type WarningSeverity } from '../api-types.js';
import { errorText } from '../components/error-message.js';
import { h, replaceChildren } from '../h.js';
import { t } from '../i18n.js';
import type { Page, PageContext } from '../page.js';
import { navigate, warningHref } from '../router.js';

/** "vendor | product | 1.0, 1.1 | CVE-2024-1234": one affected product a line, so a long list stays one text area. */
function parseProducts(text: string): WarningInput['products'] {
  const list = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  return text
    .split('\n')
    .map((line) => line.split('|').map((part) => part.trim()))
    .filter((parts) => parts[0] && parts[1])
    .map(([vendor, product, versions, cves]) => ({ vendor: vendor!, product: product!, versions: list(versions), cves: list(cves).map((cve) => cve.toUpperCase()) }));
}

/** The analyst's warning form; saving creates a draft, approval and publication happen on its page. */
export function warningComposePage(context: PageContext): Page {
  const status = h('div', { class: 'feedback', 'aria-live': 'polite' });
  const field = (id: string, label: string, control: HTMLElement, hint?: string) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null);
  const title = h('input', { id: 'warning-title-input', required: true, maxlength: 300 });
  const summary = h('textarea', { id: 'warning-summary-input', rows: 3, required: true, maxlength: 5000 });
  const details = h('textarea', { id: 'warning-details-input', rows: 6, maxlength: 50000 });
  const products = h('textarea', { id: 'warning-products-input', rows: 3, 'aria-describedby': 'warning-products-input-hint' });
  const measures = h('textarea', { id: 'warning-measures-input', rows: 3, 'aria-describedby': 'warning-measures-input-hint' });
  const severity = h('select', { id: 'warning-severity-input' }, WARNING_SEVERITIES.map((value) => h('option', { value }, t(`warningSeverity.${value}`))));
  severity.value = 'mittel';
  const tlp = h('select', { id: 'warning-tlp-input' }, TLP_LABELS.filter((label) => label !== 'TLP:RED').map((value) => h('option', { value, lang: 'en' }, value)));
  tlp.value = 'TLP:AMBER';
  const audienceKind = h(
    'select',
    { id: 'warning-audience-input' },
    (['all', 'state', 'county', 'organisations'] as const).map((kind) => h('option', { value: kind }, t(`compose.audience.${kind}`))),
  );
  const organisations = h('select', { id: 'warning-organisations-input', multiple: true, size: 6 });
  const county = h('select', { id: 'warning-county-input' });
  const approval = h('input', { type: 'checkbox', id: 'warning-approval-input' });
  const organisationField = field('warning-organisations-input', t('compose.organisations'), organisations);
  const countyField = field('warning-county-input', t('compose.county'), county);
  const showAudience = () => {
    organisationField.hidden = audienceKind.value !== 'organisations';
    countyField.hidden = audienceKind.value !== 'county';
  };
  audienceKind.addEventListener('change', showAudience);
  showAudience();

  void context.api.listOrganisations().then((list) => {
    const options = () => list.map((organisation) => h('option', { value: organisation.id }, organisation.name));
    replaceChildren(organisations, options());
    replaceChildren(county, options());
  });

  function audience(): WarningAudience {
    if (audienceKind.value === 'organisations') return { kind: 'organisations', organizationIds: [...organisations.selectedOptions].map((option) => option.value) };
    if (audienceKind.value === 'county') return { kind: 'county', countyId: county.value };
    return { kind: audienceKind.value as 'all' | 'state' };
  }

  async function save(): Promise<void> {
    const input: WarningInput = {
      title: title.value.trim(),
      summary: summary.value.trim(),
      details: details.value,
      products: parseProducts(products.value),
      measures: measures.value.split('\n').map((line) => line.trim()).filter(Boolean),
      severity: severity.value as WarningSeverity,
      tlp: tlp.value as Tlp,
      audience: audience(),
      requiresApproval: approval.checked,
    };
    try {
      const warning = await context.api.createWarning(input);
      navigate(warningHref(warning.id));
    } catch (error) {
      replaceChildren(status, h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error)));
    }
  }

  const element = h(
    'section',
    { class: 'page page-compose', 'aria-labelledby': 'compose-title' },
    h('p', {}, h('a', { href: '#/warnings', class: 'back-link' }, `← ${t('warnings.back')}`)),
    h('header', { class: 'page-header' }, h('h1', { id: 'compose-title' }, t('compose.title'))),
    status,
    h(
      'form',
      {
        class: 'panel compose-form',
        on: {
          submit: (event) => {
            event.preventDefault();
            void save();
          },
        },
      },
      h(
        'div',
        { class: 'form-grid' },
        field('warning-title-input', t('compose.titleField'), title),
        field('warning-severity-input', t('warnings.colSeverity'), severity),
        field('warning-tlp-input', 'TLP', tlp),
        field('warning-audience-input', t('compose.audience'), audienceKind),
        organisationField,
        countyField,
      ),
      field('warning-summary-input', t('warnings.summary'), summary),
      field('warning-details-input', t('warnings.details'), details),
      field('warning-products-input', t('warnings.products'), products, t('compose.productsHint')),
      field('warning-measures-input', t('warnings.measures'), measures, t('report.onePerLine')),
      h('div', { class: 'field field-check' }, h('label', { for: 'warning-approval-input' }, approval, ' ', t('compose.requiresApproval'))),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button', id: 'warning-save' }, t('compose.save'))),
    ),
  );
  return { title: t('compose.title'), element };
}
