import { PROTECTION_GOALS, REPORT_CATEGORIES, REPORT_TIERS, TLP_LABELS, type ReportContent } from '../api-types.js';
import { h } from '../h.js';
import { formatDateTime, t } from '../i18n.js';
import type { MessageKey } from '../i18n/de.js';

type Kind = 'text' | 'email' | 'tel' | 'textarea' | 'datetime' | 'tier' | 'categories' | 'goals' | 'tristate' | 'checkbox' | 'lines' | 'number' | 'tlp';

/** One field of the report (DOMAIN.md "Fields a report needs"), addressed by its dotted path in the content. */
export interface ReportField {
  path: string;
  label: MessageKey;
  kind: Kind;
  required?: boolean;
  /** The path of a checkbox field: this field is asked (and sent) only while that box is ticked. */
  shownWhen?: string;
}

export const REPORT_SECTIONS: readonly { title: MessageKey; fields: readonly ReportField[] }[] = [
  {
    title: 'report.sectionContacts',
    fields: [
      { path: 'reporter.name', label: 'report.reporterName', kind: 'text', required: true },
      { path: 'reporter.email', label: 'report.reporterEmail', kind: 'email', required: true },
      { path: 'reporter.phone', label: 'report.reporterPhone', kind: 'tel' },
      { path: 'isbContact.name', label: 'report.isbName', kind: 'text', required: true },
      { path: 'isbContact.email', label: 'report.isbEmail', kind: 'email', required: true },
      { path: 'isbContact.phone', label: 'report.isbPhone', kind: 'tel' },
    ],
  },
  {
    title: 'report.sectionIncident',
    fields: [
      { path: 'awarenessAt', label: 'report.awarenessAt', kind: 'datetime', required: true },
      { path: 'startedAt', label: 'report.startedAt', kind: 'datetime' },
      { path: 'endedAt', label: 'report.endedAt', kind: 'datetime' },
      { path: 'tier', label: 'report.tier', kind: 'tier', required: true },
      { path: 'categories', label: 'report.categories', kind: 'categories', required: true },
      { path: 'description', label: 'report.description', kind: 'textarea', required: true },
      { path: 'suspectedMaliciousAct', label: 'report.suspectedMaliciousAct', kind: 'tristate' },
      { path: 'ongoing', label: 'report.ongoing', kind: 'checkbox' },
    ],
  },
  {
    title: 'report.sectionImpact',
    fields: [
      { path: 'affectedSystems', label: 'report.affectedSystems', kind: 'lines' },
      { path: 'protectionGoals', label: 'report.protectionGoals', kind: 'goals' },
      { path: 'impactOnOtherAuthorities', label: 'report.impactOnOtherAuthorities', kind: 'textarea' },
      { path: 'indicatorsOfCompromise', label: 'report.indicators', kind: 'lines' },
    ],
  },
  {
    title: 'report.sectionPersonalData',
    fields: [
      { path: 'personalData.affected', label: 'report.personalAffected', kind: 'checkbox' },
      { path: 'personalData.subjectCategories', label: 'report.subjectCategories', kind: 'lines', shownWhen: 'personalData.affected' },
      { path: 'personalData.approxSubjects', label: 'report.approxSubjects', kind: 'number', shownWhen: 'personalData.affected' },
      { path: 'personalData.recordCategories', label: 'report.recordCategories', kind: 'lines', shownWhen: 'personalData.affected' },
      { path: 'personalData.approxRecords', label: 'report.approxRecords', kind: 'number', shownWhen: 'personalData.affected' },
      { path: 'personalData.likelyConsequences', label: 'report.likelyConsequences', kind: 'textarea', shownWhen: 'personalData.affected' },
      { path: 'personalData.authorityNotifiedAt', label: 'report.authorityNotifiedAt', kind: 'datetime', shownWhen: 'personalData.affected' },
      { path: 'personalData.delayReason', label: 'report.delayReason', kind: 'textarea', shownWhen: 'personalData.affected' },
    ],
  },
  {
    title: 'report.sectionMeasures',
    fields: [
      { path: 'measuresTaken', label: 'report.measuresTaken', kind: 'textarea' },
      { path: 'measuresPlanned', label: 'report.measuresPlanned', kind: 'textarea' },
      { path: 'rootCause', label: 'report.rootCause', kind: 'textarea' },
      { path: 'supportRequested', label: 'report.supportRequested', kind: 'textarea' },
      { path: 'tlp', label: 'report.tlp', kind: 'tlp' },
    ],
  },
];

/**
 * The label of the field a problem path points into ("reporter.email", "categories.0", or with
 * the submit body's "content." in front); undefined for a path outside the form.
 */
export function reportFieldLabel(problemPath: string): string | undefined {
  const path = problemPath.replace(/^content\./, '');
  const field = REPORT_SECTIONS.flatMap((section) => section.fields).find((candidate) => path === candidate.path || path.startsWith(`${candidate.path}.`));
  return field ? t(field.label) : undefined;
}

export function valueAt(content: ReportContent, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), content);
}

function setAt(content: ReportContent, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = content;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as ReportContent;
  target[keys[keys.length - 1]!] = value;
}

/** A field's entry in the content, or null to leave it out. */
type Reader = () => [string, unknown] | null;

const inputId = (path: string) => `report-${path.replace(/\./g, '-')}`;

/** `2024-05-01T10:00` in local time for a datetime-local input, from an ISO instant. */
function toLocalInput(iso: unknown): string {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * The phased report form. Every field reads from and writes to the content record, so one form
 * serves all four phases; `read()` gives what autosave and submit send. Empty inputs are left out
 * (the draft accepts any subset), so a half-filled e-mail never blocks saving the rest.
 */
export function reportForm(initial: ReportContent, options: { disabled: boolean; onInput(): void }): { element: HTMLElement; read(): ReportContent } {
  const readers: Reader[] = [];
  const checkboxes = new Map<string, HTMLInputElement>();
  const dependents: { field: ReportField; element: HTMLElement }[] = [];
  const shown = (field: ReportField) => field.shownWhen === undefined || checkboxes.get(field.shownWhen)?.checked === true;

  function control(field: ReportField): HTMLElement {
    const { element, read } = fieldControl(field);
    if (field.shownWhen !== undefined) dependents.push({ field, element });
    // A field that is not asked is not sent either: unticking "personal data affected" drops its details from the draft.
    readers.push(() => (shown(field) ? read() : null));
    return element;
  }

  function showDependents(): void {
    for (const { field, element } of dependents) element.hidden = !shown(field);
  }

  function fieldControl(field: ReportField): { element: HTMLElement; read: Reader } {
    const id = inputId(field.path);
    const value = valueAt(initial, field.path);
    const label = h('label', { for: id }, t(field.label), field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null);
    const common = { id, name: field.path, disabled: options.disabled, required: field.required ?? false };
    switch (field.kind) {
      case 'text':
      case 'email':
      case 'tel': {
        const input = h('input', { ...common, type: field.kind, value: typeof value === 'string' ? value : '', autocomplete: field.kind === 'email' ? 'email' : field.kind === 'tel' ? 'tel' : 'name' });
        const read: Reader = () => (input.value.trim() ? [field.path, input.value.trim()] : null);
        return { element: h('div', { class: 'field' }, label, input), read };
      }
      case 'textarea': {
        const area = h('textarea', { ...common, rows: 4 });
        area.value = typeof value === 'string' ? value : '';
        const read: Reader = () => [field.path, area.value];
        return { element: h('div', { class: 'field field-wide' }, label, area), read };
      }
      case 'lines': {
        const area = h('textarea', { ...common, rows: 3, 'aria-describedby': `${id}-hint` });
        area.value = Array.isArray(value) ? value.join('\n') : '';
        const read: Reader = () => [field.path, area.value.split('\n').map((line) => line.trim()).filter(Boolean)];
        return { element: h('div', { class: 'field' }, label, area, h('span', { class: 'hint', id: `${id}-hint` }, t('report.onePerLine'))), read };
      }
      case 'datetime': {
        const input = h('input', { ...common, type: 'datetime-local', value: toLocalInput(value) });
        const read: Reader = () => (input.value ? [field.path, new Date(input.value).toISOString()] : field.path === 'awarenessAt' ? null : [field.path, null]);
        return { element: h('div', { class: 'field' }, label, input), read };
      }
      case 'number': {
        const input = h('input', { ...common, type: 'number', min: 0, step: 1, value: typeof value === 'number' ? value : '' });
        const read: Reader = () => [field.path, input.value === '' ? null : Math.max(0, Math.round(Number(input.value)))];
        return { element: h('div', { class: 'field' }, label, input), read };
      }
      case 'tier':
      case 'tlp': {
        const choices: readonly string[] = field.kind === 'tier' ? REPORT_TIERS : TLP_LABELS;
        const select = h(
          'select',
          common,
          field.kind === 'tier' ? h('option', { value: '' }, t('report.choose')) : null,
          choices.map((choice) => h('option', { value: choice }, field.kind === 'tier' ? t(`tier.${choice as (typeof REPORT_TIERS)[number]}`) : choice)),
        );
        select.value = typeof value === 'string' ? value : field.kind === 'tlp' ? 'TLP:AMBER' : '';
        const read: Reader = () => (select.value ? [field.path, select.value] : null);
        return { element: h('div', { class: 'field' }, label, select), read };
      }
      case 'checkbox': {
        const box = h('input', { ...common, type: 'checkbox', checked: value === true });
        checkboxes.set(field.path, box);
        const read: Reader = () => [field.path, box.checked];
        return { element: h('div', { class: 'field field-check' }, h('label', { for: id }, box, ' ', t(field.label))), read };
      }
      case 'tristate': {
        const select = h('select', common, h('option', { value: '' }, t('report.unknown')), h('option', { value: 'true' }, t('report.yes')), h('option', { value: 'false' }, t('report.no')));
        select.value = value === true ? 'true' : value === false ? 'false' : '';
        const read: Reader = () => [field.path, select.value === '' ? null : select.value === 'true'];
        return { element: h('div', { class: 'field' }, label, select), read };
      }
      case 'categories':
      case 'goals': {
        const choices: readonly string[] = field.kind === 'categories' ? REPORT_CATEGORIES : PROTECTION_GOALS;
        const chosen = new Set(Array.isArray(value) ? value : []);
        const boxes = choices.map((choice) => h('input', { type: 'checkbox', id: `${id}-${choice}`, value: choice, checked: chosen.has(choice), disabled: options.disabled }));
        const read: Reader = () => [field.path, boxes.filter((box) => box.checked).map((box) => box.value)];
        const element = h(
          'fieldset',
          { class: 'field checks', id },
          h('legend', {}, t(field.label), field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
          boxes.map((box) =>
            h('label', { for: box.id, class: 'check' }, box, ' ', field.kind === 'categories' ? t(`category.${box.value as (typeof REPORT_CATEGORIES)[number]}`) : t(`goal.${box.value as (typeof PROTECTION_GOALS)[number]}`)),
          ),
        );
        return { element, read };
      }
    }
  }

  const changed = () => {
    showDependents();
    options.onInput();
  };
  const element = h(
    'div',
    { class: 'report-form', on: { input: changed, change: changed } },
    REPORT_SECTIONS.map((section) => h('fieldset', { class: 'panel report-section' }, h('legend', {}, t(section.title)), h('div', { class: 'form-grid' }, section.fields.map(control)))),
  );
  showDependents();

  return {
    element,
    read() {
      const content: ReportContent = {};
      for (const reader of readers) {
        const entry = reader();
        if (entry) setAt(content, entry[0], entry[1]);
      }
      return content;
    },
  };
}

/** A submitted version, read-only: each field with its label, as text. */
export function reportContentView(content: ReportContent): HTMLElement {
  const show = (field: ReportField, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '–';
    if (field.kind === 'tier') return t(`tier.${value as (typeof REPORT_TIERS)[number]}`);
    if (field.kind === 'categories') return (value as (typeof REPORT_CATEGORIES)[number][]).map((category) => t(`category.${category}`)).join(', ');
    if (field.kind === 'goals') return (value as (typeof PROTECTION_GOALS)[number][]).map((goal) => t(`goal.${goal}`)).join(', ');
    if (typeof value === 'boolean') return value ? t('report.yes') : t('report.no');
    if (Array.isArray(value)) return value.join('\n');
    if (field.kind === 'datetime' && typeof value === 'string') return formatDateTime(value);
    return String(value);
  };
  return h(
    'dl',
    { class: 'summary report-view' },
    REPORT_SECTIONS.flatMap((section) => section.fields)
      .filter((field) => field.shownWhen === undefined || valueAt(content, field.shownWhen) === true)
      .map((field) => h('div', { class: 'kv' }, h('dt', {}, t(field.label)), h('dd', { class: 'prose', 'data-field': field.path }, show(field, valueAt(content, field.path))))),
  );
}
