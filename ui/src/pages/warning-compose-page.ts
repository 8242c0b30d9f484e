import {
  AUDIENCE_KINDS,
  TLP_LABELS,
  WARNING_SEVERITIES,
  type AudienceKind,
  type AudienceOptions,
  type AudiencePreview,
  type Tlp,
  type Warning,
  type WarningAudience,
  type WarningInput,
  type WarningSeverity,
} from '../api-types.js';
import { audienceWords } from '../components/audience-label.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { organisationList } from '../components/organisation-list.js';
import { tlpBadge } from '../components/tlp-badge.js';
import { warningSeverityBadge } from '../components/warning-severity-badge.js';
import { h, replaceChildren } from '../h.js';
import { t, tCount } from '../i18n.js';
import type { MessageKey } from '../i18n/de.js';
import type { Page, PageContext } from '../page.js';
import { navigate, warningHref } from '../router.js';

const STEPS = ['content', 'audience', 'preview'] as const;
type Step = (typeof STEPS)[number];

/** "vendor | product | 1.0, 1.1 | CVE-2024-1234": one affected product a line, so a long list stays one text area. */
function parseProducts(text: string): WarningInput['products'] {
  const list = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  return text
    .split('\n')
    .map((line) => line.split('|').map((part) => part.trim()))
    .filter((parts) => parts[0] && parts[1])
    .map(([vendor, product, versions, cves]) => ({ vendor: vendor!, product: product!, versions: list(versions), cves: list(cves).map((cve) => cve.toUpperCase()) }));
}

function formatProducts(products: Warning['products']): string {
  return products.map((product) => [product.vendor, product.product, product.versions.join(', '), product.cves.join(', ')].join(' | ')).join('\n');
}

/**
 * The analyst's warning form in three steps: the content; who receives it (a kind of audience, then
 * its one parameter); and a preview of exactly the organisations publishing would deliver to, which the
 * analyst confirms by saving. With `editId` it changes a draft at the version it loaded.
 * Approval and publication happen on the warning's own page.
 */
export function warningComposePage(context: PageContext, editId: string | null = null): Page {
  const heading = editId ? t('compose.editTitle') : t('compose.title');
  const body = h('div', {}, h('p', { class: 'loading' }, t('app.loading')));
  const element = h(
    'section',
    { class: 'page page-compose', 'aria-labelledby': 'compose-title' },
    h('p', {}, h('a', { href: editId ? warningHref(editId) : '#/warnings', class: 'back-link' }, `← ${t('warnings.back')}`)),
    h('header', { class: 'page-header' }, h('h1', { id: 'compose-title' }, heading)),
    body,
  );
  let disposed = false;

  async function load(): Promise<void> {
    try {
      const [options, existing] = await Promise.all([context.api.audienceOptions(), editId ? context.api.getWarning(editId).then((detail) => detail.warning) : Promise.resolve(null)]);
      if (disposed) return;
      if (existing?.status === 'published') replaceChildren(body, h('p', { class: 'notice' }, t('compose.publishedReadOnly')));
      else replaceChildren(body, composeForm(context, options, existing));
    } catch (error) {
      if (!disposed) replaceChildren(body, errorMessage(error, () => void load()));
    }
  }

  void load();
  return {
    title: heading,
    element,
    dispose() {
      disposed = true;
    },
  };
}

function composeForm(context: PageContext, options: AudienceOptions, existing: Warning | null): HTMLElement {
  const names = new Map([...options.organisations, ...options.counties, ...options.providers].map((organisation) => [organisation.id, organisation.name]));
  const nameOf = (id: string) => names.get(id) ?? context.organisationName(id);
  const field = (id: string, label: string, control: HTMLElement, hint?: string) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null);

  // Step 1: the content.
  const title = h('input', { id: 'warning-title-input', required: true, maxlength: 300 });
  const summary = h('textarea', { id: 'warning-summary-input', rows: 4, required: true, maxlength: 5000 });
  const details = h('textarea', { id: 'warning-details-input', rows: 6, maxlength: 50000 });
  const products = h('textarea', { id: 'warning-products-input', rows: 3, 'aria-describedby': 'warning-products-input-hint' });
  const measures = h('textarea', { id: 'warning-measures-input', rows: 4, 'aria-describedby': 'warning-measures-input-hint' });
  const severity = h('select', { id: 'warning-severity-input' }, WARNING_SEVERITIES.map((value) => h('option', { value }, t(`warningSeverity.${value}`))));
  // TLP:RED needs named people, which this form does not ask for; a RED draft (from a RED incident) keeps its label and people.
  const labels = TLP_LABELS.filter((label) => label !== 'TLP:RED' || existing?.tlp === 'TLP:RED');
  const tlp = h('select', { id: 'warning-tlp-input' }, labels.map((value) => h('option', { value, lang: 'en' }, value)));
  const approval = h('input', { type: 'checkbox', id: 'warning-approval-input' });
  title.value = existing?.title ?? '';
  summary.value = existing?.summary ?? '';
  details.value = existing?.details ?? '';
  products.value = formatProducts(existing?.products ?? []);
  measures.value = (existing?.measures ?? []).join('\n');
  severity.value = existing?.severity ?? 'mittel';
  tlp.value = existing?.tlp ?? 'TLP:AMBER';
  approval.checked = existing?.requiresApproval ?? false;

  // Step 2: the kind of audience, then its one parameter. Kinds the registry has nothing for are not offered.
  const available = AUDIENCE_KINDS.filter((kind) => (kind === 'county' ? options.counties.length > 0 : kind === 'provider' ? options.providers.length > 0 : true));
  const kindInputs = new Map(available.map((kind) => [kind, h('input', { type: 'radio', name: 'audience-kind', id: `audience-kind-${kind}`, value: kind, 'aria-describedby': `audience-kind-${kind}-hint` })]));
  const chooser = (id: string, placeholder: MessageKey, choices: AudienceOptions['counties']) =>
    h('select', { id }, h('option', { value: '' }, t(placeholder)), choices.map((choice) => h('option', { value: choice.id }, choice.name)));
  const county = chooser('warning-county-input', 'compose.countyChoose', options.counties);
  const provider = chooser('warning-provider-input', 'compose.providerChoose', options.providers);
  const search = h('input', { type: 'search', id: 'warning-organisation-search', autocomplete: 'off', 'aria-describedby': 'warning-organisation-search-hint', 'aria-controls': 'warning-organisation-list' });
  const boxes = options.organisations.map((organisation) => ({ organisation, box: h('input', { type: 'checkbox', id: `audience-org-${organisation.id}`, value: organisation.id }) }));
  const rows = boxes.map(({ organisation, box }) => h('label', { class: 'check', for: box.id }, box, organisation.name));
  const noMatch = h('p', { class: 'muted small', hidden: true }, t('compose.noMatch'));
  const selectedCount = h('p', { class: 'small selected-count', id: 'warning-organisations-selected', 'aria-live': 'polite' });
  const selectedNames = h('p', { class: 'small muted selected-names', id: 'warning-organisations-selected-names' });
  const parameterProblem = h('div', { class: 'feedback', 'aria-live': 'assertive' });
  const parameterFields: Record<AudienceKind, HTMLElement | null> = {
    all: null,
    state: null,
    county: field('warning-county-input', t('compose.county'), county),
    provider: field('warning-provider-input', t('compose.provider'), provider),
    organisations: h(
      'div',
      { class: 'field organisation-field' },
      h('label', { for: 'warning-organisation-search' }, t('compose.organisationSearch')),
      search,
      h('span', { class: 'hint', id: 'warning-organisation-search-hint' }, t('compose.organisationSearchHint')),
      h('div', { class: 'organisation-picker', id: 'warning-organisation-list', role: 'group', 'aria-label': t('compose.organisations') }, rows, noMatch),
      selectedCount,
      selectedNames,
    ),
  };

  const chosenKind = (): AudienceKind | null => available.find((kind) => kindInputs.get(kind)!.checked) ?? null;
  const chosenOrganisations = () => boxes.filter(({ box }) => box.checked).map(({ organisation }) => organisation.id);
  /** The count, and the chosen names, which a search may have hidden from the list. */
  function countSelected(): void {
    const chosen = boxes.filter(({ box }) => box.checked).map(({ organisation }) => organisation.name);
    replaceChildren(selectedCount, tCount('compose.selected', chosen.length));
    replaceChildren(selectedNames, chosen.join(' · '));
  }
  function filterOrganisations(): void {
    const needle = search.value.trim().toLocaleLowerCase('de');
    let shown = 0;
    boxes.forEach(({ organisation }, index) => {
      const match = organisation.name.toLocaleLowerCase('de').includes(needle);
      rows[index]!.hidden = !match;
      if (match) shown += 1;
    });
    noMatch.hidden = shown > 0;
  }
  /** Nothing of another kind may travel along unseen: every kind's parameter starts empty when the kind changes. */
  function clearParameters(): void {
    county.value = '';
    provider.value = '';
    for (const { box } of boxes) box.checked = false;
    search.value = '';
    filterOrganisations();
    countSelected();
  }
  function showParameter(): void {
    const kind = chosenKind();
    for (const candidate of AUDIENCE_KINDS) {
      const control = parameterFields[candidate];
      if (control) control.hidden = candidate !== kind;
    }
    replaceChildren(parameterProblem);
  }
  for (const input of kindInputs.values()) {
    input.addEventListener('change', () => {
      clearParameters();
      showParameter();
    });
  }
  search.addEventListener('input', filterOrganisations);
  for (const { box } of boxes) box.addEventListener('change', countSelected);

  // A draft's own audience, as it was saved.
  if (existing?.audience && kindInputs.has(existing.audience.kind)) {
    kindInputs.get(existing.audience.kind)!.checked = true;
    const saved = existing.audience;
    if (saved.kind === 'county') county.value = saved.countyId;
    if (saved.kind === 'provider') provider.value = saved.providerId;
    if (saved.kind === 'organisations') for (const { box } of boxes) box.checked = saved.organizationIds.includes(box.value);
  }
  countSelected();
  showParameter();

  /** The audience as chosen, or what is still missing. */
  function chosenAudience(): WarningAudience | MessageKey {
    switch (chosenKind()) {
      case null:
        return 'compose.kindLegend';
      case 'all':
        return { kind: 'all' };
      case 'state':
        return { kind: 'state' };
      case 'county':
        return county.value ? { kind: 'county', countyId: county.value } : 'compose.chooseCounty';
      case 'provider':
        return provider.value ? { kind: 'provider', providerId: provider.value } : 'compose.chooseProvider';
      case 'organisations': {
        const ids = chosenOrganisations();
        return ids.length > 0 ? { kind: 'organisations', organizationIds: ids } : 'compose.chooseOrganisations';
      }
    }
  }

  // Step 3: the preview of exactly who receives it, and the confirmation.
  const previewHost = h('div', { class: 'audience-preview', id: 'audience-preview', 'aria-live': 'polite' });
  const contentSummary = h('dl', { class: 'kv compose-summary' });
  const saveProblem = h('div', { class: 'feedback', 'aria-live': 'assertive' });
  const confirm = h('button', { type: 'submit', class: 'button', id: 'warning-save', disabled: true }, existing ? t('compose.confirmEdit') : t('compose.confirm'));
  /** The audience the preview showed: what saving sends, whatever happens in the other steps' fields meanwhile. */
  let previewed: WarningAudience | null = null;
  let previewRun = 0;

  async function preview(audience: WarningAudience): Promise<void> {
    const run = ++previewRun;
    previewed = null;
    confirm.disabled = true;
    replaceChildren(previewHost, h('p', { class: 'loading' }, t('compose.previewLoading')));
    let result: AudiencePreview;
    try {
      result = await context.api.previewAudience({ audience, tlp: tlp.value as Tlp, ...(existing && tlp.value === 'TLP:RED' ? { recipientUserIds: existing.recipientUserIds ?? [] } : {}) });
    } catch (error) {
      if (run === previewRun) replaceChildren(previewHost, h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error)));
      return;
    }
    if (run !== previewRun) return;
    if (result.count === 0) {
      replaceChildren(previewHost, h('p', { class: 'notice notice-error', role: 'alert' }, t('compose.previewEmpty')));
      return;
    }
    replaceChildren(
      previewHost,
      h('p', { class: 'preview-count', id: 'audience-preview-count' }, tCount('compose.previewCount', result.count)),
      organisationList('audience-preview-list', result.organisations),
      h('p', { class: 'hint' }, t('compose.previewNote')),
    );
    previewed = audience;
    confirm.disabled = false;
  }

  function summarise(audience: WarningAudience): void {
    const row = (label: string, ...value: (Node | string)[]) => [h('dt', {}, label), h('dd', {}, ...value)];
    replaceChildren(
      contentSummary,
      row(t('compose.titleField'), title.value.trim()),
      row(t('warnings.colSeverity'), warningSeverityBadge(severity.value as WarningSeverity)),
      row('TLP', tlpBadge(tlp.value as Tlp)),
      row(t('compose.step.audience'), audienceWords(audience, nameOf)),
    );
  }

  // The steps.
  const stepTitle = (step: Step) => t(`compose.step.${step}`);
  const stepper = h(
    'ol',
    { class: 'stepper', 'aria-label': t('compose.steps') },
    STEPS.map((step, index) => h('li', { 'data-step': step }, h('span', { class: 'step-number', 'aria-hidden': 'true' }, String(index + 1)), h('span', { class: 'step-label' }, stepTitle(step)))),
  );
  const sectionHeading = (step: Step) => h('h2', { id: `compose-step-${step}`, tabindex: '-1' }, h('span', { class: 'muted small step-of' }, t('compose.stepOf', { n: STEPS.indexOf(step) + 1, total: STEPS.length })), ' ', stepTitle(step));
  const button = (id: string, label: string, onClick: () => void, secondary = false) =>
    h('button', { type: 'button', class: secondary ? 'button button-secondary' : 'button', id, on: { click: onClick } }, label);

  const sections: Record<Step, HTMLElement> = {
    content: h(
      'section',
      { class: 'compose-step', 'aria-labelledby': 'compose-step-content' },
      sectionHeading('content'),
      h('div', { class: 'form-grid' }, h('div', { class: 'field-wide' }, field('warning-title-input', t('compose.titleField'), title)), field('warning-severity-input', t('warnings.colSeverity'), severity), field('warning-tlp-input', 'TLP', tlp)),
      field('warning-summary-input', t('warnings.summary'), summary),
      field('warning-details-input', t('warnings.details'), details),
      field('warning-products-input', t('warnings.products'), products, t('compose.productsHint')),
      field('warning-measures-input', t('warnings.measures'), measures, t('report.onePerLine')),
      h('div', { class: 'field field-check' }, h('label', { for: 'warning-approval-input' }, approval, ' ', t('compose.requiresApproval'))),
      h('div', { class: 'form-actions' }, button('warning-next-content', t('compose.next'), () => leaveContent())),
    ),
    audience: h(
      'section',
      { class: 'compose-step', 'aria-labelledby': 'compose-step-audience' },
      sectionHeading('audience'),
      h(
        'fieldset',
        { class: 'audience-kinds' },
        h('legend', {}, t('compose.kindLegend')),
        available.map((kind) =>
          h('label', { class: 'kind-option', for: `audience-kind-${kind}` }, kindInputs.get(kind)!, h('span', {}, h('strong', {}, t(`compose.kind.${kind}`)), h('span', { class: 'hint', id: `audience-kind-${kind}-hint` }, t(`compose.kind.${kind}.hint`)))),
        ),
      ),
      parameterFields.county,
      parameterFields.provider,
      parameterFields.organisations,
      parameterProblem,
      h('div', { class: 'form-actions' }, button('warning-back-audience', t('compose.back'), () => show('content'), true), button('warning-next-audience', t('compose.toPreview'), () => leaveAudience())),
    ),
    preview: h(
      'section',
      { class: 'compose-step', 'aria-labelledby': 'compose-step-preview' },
      sectionHeading('preview'),
      contentSummary,
      previewHost,
      saveProblem,
      h('div', { class: 'form-actions' }, button('warning-back-preview', t('compose.back'), () => show('audience'), true), confirm),
    ),
  };

  function show(step: Step): void {
    for (const candidate of STEPS) sections[candidate].hidden = candidate !== step;
    const current = STEPS.indexOf(step);
    for (const item of stepper.querySelectorAll<HTMLElement>('li')) {
      const index = STEPS.indexOf(item.dataset.step as Step);
      item.classList.toggle('step-done', index < current);
      if (index === current) item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
    }
    document.getElementById(`compose-step-${step}`)?.focus();
  }

  function leaveContent(): void {
    if (title.reportValidity() && summary.reportValidity()) show('audience');
  }

  function leaveAudience(): void {
    const audience = chosenAudience();
    if (typeof audience === 'string') {
      replaceChildren(parameterProblem, h('p', { class: 'notice notice-error', role: 'alert' }, t(audience)));
      return;
    }
    summarise(audience);
    replaceChildren(saveProblem);
    show('preview');
    void preview(audience);
  }

  async function save(): Promise<void> {
    if (!previewed) return;
    const input: WarningInput = {
      title: title.value.trim(),
      summary: summary.value.trim(),
      details: details.value,
      products: parseProducts(products.value),
      measures: measures.value.split('\n').map((line) => line.trim()).filter(Boolean),
      severity: severity.value as WarningSeverity,
      tlp: tlp.value as Tlp,
      audience: previewed,
      requiresApproval: approval.checked,
    };
    confirm.disabled = true;
    try {
      // Asking for approval only when it changed: an author cannot waive it, but keeping it as it was is no waiver.
      const { requiresApproval, ...rest } = input;
      const saved = existing
        ? await context.api.updateWarning(existing.id, existing.version, requiresApproval === existing.requiresApproval ? rest : input)
        : await context.api.createWarning(input);
      navigate(warningHref(saved.id));
    } catch (error) {
      confirm.disabled = false;
      replaceChildren(saveProblem, h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error)));
    }
  }

  const form = h(
    'form',
    {
      class: 'panel compose-form',
      novalidate: true,
      on: {
        submit: (event) => {
          event.preventDefault();
          // Enter in a field moves on instead of saving unseen: saving is the last step's confirmation.
          if (!sections.content.hidden) leaveContent();
          else if (!sections.audience.hidden) leaveAudience();
          else void save();
        },
      },
    },
    sections.content,
    sections.audience,
    sections.preview,
  );
  for (const step of STEPS) sections[step].hidden = step !== 'content';
  stepper.querySelector('li')?.setAttribute('aria-current', 'step');
  return h('div', { class: 'compose' }, stepper, form);
}
