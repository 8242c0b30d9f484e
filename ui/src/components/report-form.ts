import { PROTECTION_GOALS, REPORT_CATEGORIES, REPORT_TIERS, TLP_LABELS, type ReportContent, type ReportPhase, type ReportPhaseField } from '../api-types.js';
import { h } from '../h.js';
import { formatDateTime, t } from '../i18n.js';
import type { MessageKey } from '../i18n/de.js';

type Kind = 'text' | 'email' | 'tel' | 'textarea' | 'datetime' | 'tier' | 'categories' | 'goals' | 'tristate' | 'checkbox' | 'lines' | 'number' | 'tlp';

/** How the form shows one field of the report, addressed by its dotted path in the content. */
interface ReportField {
  path: string;
  label: MessageKey;
  kind: Kind;
  /** The question put differently where a phase asks it differently ("Was ist passiert?" in the early warning). */
  labelIn?: Partial<Record<ReportPhase, MessageKey>>;
  /** The path of a checkbox field: this field is asked (and sent) only while that box is ticked. */
  shownWhen?: string;
}

/**
 * Every field the server may ask for, in the order of the form. Which of them a phase asks, and
 * which it requires, is not kept here: the report detail lists it (`fields`) from the definition the
 * server checks submissions against (workflows/reporting/report-phase-fields.ts).
 */
const REPORT_SECTIONS: readonly { title: MessageKey; fields: readonly ReportField[] }[] = [
  {
    title: 'report.sectionContacts',
    fields: [
      { path: 'reporter.name', label: 'report.reporterName', kind: 'text' },
      { path: 'reporter.email', label: 'report.reporterEmail', kind: 'email' },
      { path: 'reporter.phone', label: 'report.reporterPhone', kind: 'tel' },
      { path: 'isbContact.name', label: 'report.isbName', kind: 'text' },
      { path: 'isbContact.email', label: 'report.isbEmail', kind: 'email' },
      { path: 'isbContact.phone', label: 'report.isbPhone', kind: 'tel' },
    ],
  },
  {
    title: 'report.sectionIncident',
    fields: [
      { path: 'awarenessAt', label: 'report.awarenessAt', kind: 'datetime' },
      { path: 'startedAt', label: 'report.startedAt', kind: 'datetime', labelIn: { early_warning: 'report.startedAtEarly' } },
      { path: 'endedAt', label: 'report.endedAt', kind: 'datetime' },
      { path: 'tier', label: 'report.tier', kind: 'tier' },
      { path: 'categories', label: 'report.categories', kind: 'categories' },
      { path: 'description', label: 'report.description', kind: 'textarea', labelIn: { early_warning: 'report.descriptionEarly', intermediate: 'report.descriptionIntermediate' } },
      { path: 'suspectedMaliciousAct', label: 'report.suspectedMaliciousAct', kind: 'tristate' },
      { path: 'ongoing', label: 'report.ongoing', kind: 'checkbox' },
    ],
  },
  {
    title: 'report.sectionImpact',
    fields: [
      { path: 'affectedSystems', label: 'report.affectedSystems', kind: 'lines' },
      { path: 'protectionGoals', label: 'report.protectionGoals', kind: 'goals' },
      { path: 'impactOnOtherAuthorities', label: 'report.impactOnOtherAuthorities', kind: 'textarea', labelIn: { early_warning: 'report.impactEarly' } },
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
    ],
  },
  {
    title: 'report.sectionHandling',
    fields: [{ path: 'tlp', label: 'report.tlp', kind: 'tlp' }],
  },
];

const ALL_FIELDS = REPORT_SECTIONS.flatMap((section) => section.fields);

/** A problem with one field: from the server's problem+json `errors` (`path`, `code`) or found by the form before sending. */
export interface FieldProblem {
  path: string;
  code?: string;
}

const MISSING = 'report_field_missing';
const INVALID = 'report_field_invalid';

function valueAt(content: ReportContent, path: string): unknown {
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

/** One field on screen: what it sends, whether it is empty or malformed, and where its problem is shown. */
interface Control {
  field: ReportField;
  required: boolean;
  id: string;
  element: HTMLElement;
  /** What gets aria-invalid and the message's id: the input, or each box of a group. */
  inputs: HTMLElement[];
  /** Ids the inputs are described by besides a problem (a hint). */
  describedBy: string[];
  read: Reader;
  empty(): boolean;
  error: HTMLElement | null;
}

const inputId = (path: string) => `report-${path.replace(/\./g, '-')}`;
const labelOf = (field: ReportField, phase: ReportPhase | undefined): MessageKey => (phase && field.labelIn?.[phase]) ?? field.label;

/** `2024-05-01T10:00` in local time for a datetime-local input, from an ISO instant. */
function toLocalInput(iso: unknown): string {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The browser's verdict on a value it can parse (an e-mail, a date, a number), apart from being empty. */
function malformed(input: HTMLElement): boolean {
  if (!(input instanceof HTMLInputElement)) return false;
  return input.validity.typeMismatch || input.validity.badInput;
}

export interface ReportForm {
  element: HTMLElement;
  /** What autosave and submit send: the fields of the phase that are shown. */
  read(): ReportContent;
  /** The phase's required fields left empty and the values the browser finds malformed, in form order. */
  check(): FieldProblem[];
  /**
   * Shows each problem next to its field (the first per field) and marks the field invalid; clears
   * earlier marks. Returns the labels of the marked fields, in form order.
   */
  mark(problems: readonly FieldProblem[]): string[];
  /** Moves the focus to the first marked field; false when none is marked. */
  focusFirstMarked(): boolean;
}

/**
 * The report form of one phase: only the fields the phase asks (`fields`, from the server), with
 * the required ones starred. Every field reads from and writes to the content record; `read()` gives
 * what autosave and submit send. Empty inputs are left out (the draft accepts any subset), so a
 * half-filled e-mail never blocks saving the rest. A field marked with a problem loses the mark as
 * soon as it is changed.
 */
export function reportForm(initial: ReportContent, options: { phase: ReportPhase; fields: readonly ReportPhaseField[]; disabled: boolean; onInput(): void }): ReportForm {
  const asked = new Map(options.fields.map((field) => [field.path, field.required]));
  const controls: Control[] = [];
  const checkboxes = new Map<string, HTMLInputElement>();
  const shown = (field: ReportField) => field.shownWhen === undefined || checkboxes.get(field.shownWhen)?.checked === true;

  function showDependents(): void {
    for (const control of controls) control.element.hidden = !shown(control.field);
  }

  function describe(control: Control): void {
    const ids = [...(control.error ? [control.error.id] : []), ...control.describedBy];
    for (const input of control.inputs) {
      if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
      else input.removeAttribute('aria-describedby');
      if (control.error) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  function unmark(control: Control): void {
    if (!control.error) return;
    control.error.remove();
    control.error = null;
    control.element.classList.remove('field-invalid');
    describe(control);
  }

  function control(field: ReportField): HTMLElement {
    const required = asked.get(field.path) === true;
    const id = inputId(field.path);
    const value = valueAt(initial, field.path);
    const title = t(labelOf(field, options.phase));
    const star = required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null;
    const label = h('label', { for: id }, title, star);
    const common = { id, name: field.path, disabled: options.disabled, required };
    const made = (element: HTMLElement, inputs: HTMLElement[], read: Reader, empty: () => boolean, describedBy: string[] = []): HTMLElement => {
      const entry: Control = { field, required, id, element, inputs, describedBy, read, empty, error: null };
      controls.push(entry);
      describe(entry);
      return element;
    };
    switch (field.kind) {
      case 'text':
      case 'email':
      case 'tel': {
        const input = h('input', { ...common, type: field.kind, value: typeof value === 'string' ? value : '', autocomplete: field.kind === 'email' ? 'email' : field.kind === 'tel' ? 'tel' : 'name' });
        return made(h('div', { class: 'field' }, label, input), [input], () => (input.value.trim() ? [field.path, input.value.trim()] : null), () => input.value.trim() === '');
      }
      case 'textarea': {
        const area = h('textarea', { ...common, rows: 4 });
        area.value = typeof value === 'string' ? value : '';
        return made(h('div', { class: 'field field-wide' }, label, area), [area], () => [field.path, area.value], () => area.value.trim() === '');
      }
      case 'lines': {
        const area = h('textarea', { ...common, rows: 3 });
        area.value = Array.isArray(value) ? value.join('\n') : '';
        const lines = () => area.value.split('\n').map((line) => line.trim()).filter(Boolean);
        return made(h('div', { class: 'field' }, label, area, h('span', { class: 'hint', id: `${id}-hint` }, t('report.onePerLine'))), [area], () => [field.path, lines()], () => lines().length === 0, [`${id}-hint`]);
      }
      case 'datetime': {
        const input = h('input', { ...common, type: 'datetime-local', value: toLocalInput(value) });
        const read: Reader = () => (input.value ? [field.path, new Date(input.value).toISOString()] : field.path === 'awarenessAt' ? null : [field.path, null]);
        return made(h('div', { class: 'field' }, label, input), [input], read, () => input.value === '' && !input.validity.badInput);
      }
      case 'number': {
        const input = h('input', { ...common, type: 'number', min: 0, step: 1, value: typeof value === 'number' ? value : '' });
        const read: Reader = () => [field.path, input.value === '' ? null : Math.max(0, Math.round(Number(input.value)))];
        return made(h('div', { class: 'field' }, label, input), [input], read, () => input.value === '' && !input.validity.badInput);
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
        return made(h('div', { class: 'field' }, label, select), [select], () => (select.value ? [field.path, select.value] : null), () => select.value === '');
      }
      case 'checkbox': {
        const box = h('input', { ...common, type: 'checkbox', checked: value === true });
        checkboxes.set(field.path, box);
        // Unticked is an answer too ("no"), so a box is never empty.
        return made(h('div', { class: 'field field-check' }, h('label', { for: id }, box, ' ', title)), [box], () => [field.path, box.checked], () => false);
      }
      case 'tristate': {
        const select = h('select', common, h('option', { value: '' }, t('report.unknown')), h('option', { value: 'true' }, t('report.yes')), h('option', { value: 'false' }, t('report.no')));
        select.value = value === true ? 'true' : value === false ? 'false' : '';
        // "Unknown" is an answer: an early warning may not know yet whether anyone acted on purpose.
        return made(h('div', { class: 'field' }, label, select), [select], () => [field.path, select.value === '' ? null : select.value === 'true'], () => false);
      }
      case 'categories':
      case 'goals': {
        const choices: readonly string[] = field.kind === 'categories' ? REPORT_CATEGORIES : PROTECTION_GOALS;
        const chosen = new Set(Array.isArray(value) ? value : []);
        const boxes = choices.map((choice) => h('input', { type: 'checkbox', id: `${id}-${choice}`, name: field.path, value: choice, checked: chosen.has(choice), disabled: options.disabled }));
        const element = h(
          'fieldset',
          { class: 'field checks', id },
          h('legend', {}, title, star),
          boxes.map((box) =>
            h('label', { for: box.id, class: 'check' }, box, ' ', field.kind === 'categories' ? t(`category.${box.value as (typeof REPORT_CATEGORIES)[number]}`) : t(`goal.${box.value as (typeof PROTECTION_GOALS)[number]}`)),
          ),
        );
        const picked = () => boxes.filter((box) => box.checked).map((box) => box.value);
        return made(element, boxes, () => [field.path, picked()], () => picked().length === 0);
      }
    }
  }

  const sections = REPORT_SECTIONS.map((section) => ({ ...section, fields: section.fields.filter((field) => asked.has(field.path)) })).filter((section) => section.fields.length > 0);
  const changed = (event: Event) => {
    const touched = controls.find((entry) => event.target instanceof Node && entry.element.contains(event.target));
    if (touched) unmark(touched);
    showDependents();
    options.onInput();
  };
  const element = h(
    'div',
    { class: 'report-form', on: { input: changed, change: changed } },
    [...asked.values()].some(Boolean) ? h('p', { class: 'hint required-note' }, h('span', { class: 'required', 'aria-hidden': 'true' }, '*'), ' ', t('report.requiredNote')) : null,
    sections.map((section) => h('fieldset', { class: 'panel report-section' }, h('legend', {}, t(section.title)), h('div', { class: 'form-grid' }, section.fields.map(control)))),
  );
  showDependents();
  const visible = () => controls.filter((entry) => shown(entry.field));

  return {
    element,
    read() {
      const content: ReportContent = {};
      for (const entry of visible()) {
        const read = entry.read();
        if (read) setAt(content, read[0], read[1]);
      }
      return content;
    },
    check() {
      return visible().flatMap((entry): FieldProblem[] => {
        if (entry.required && entry.empty()) return [{ path: entry.field.path, code: MISSING }];
        return entry.inputs.some(malformed) ? [{ path: entry.field.path, code: INVALID }] : [];
      });
    },
    mark(problems) {
      for (const entry of controls) unmark(entry);
      for (const problem of problems) {
        // The API names the submit body's field ("content.reporter.email") or an item of a list ("categories.0").
        const path = problem.path.replace(/^content\./, '');
        const entry = visible().find((candidate) => path === candidate.field.path || path.startsWith(`${candidate.field.path}.`));
        if (!entry || entry.error) continue;
        const message = problem.code === MISSING ? t('problem.report_field_missing') : entry.field.kind === 'email' ? t('report.invalidEmail') : t('problem.report_field_invalid');
        entry.error = h('p', { class: 'field-error', id: `${entry.id}-error` }, message);
        entry.element.append(entry.error);
        entry.element.classList.add('field-invalid');
        describe(entry);
      }
      return visible()
        .filter((entry) => entry.error)
        .map((entry) => t(labelOf(entry.field, options.phase)));
    },
    focusFirstMarked() {
      const first = visible().find((entry) => entry.error);
      first?.inputs[0]?.focus();
      return first !== undefined;
    },
  };
}

function hasValue(value: unknown): boolean {
  return !(value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0));
}

/**
 * A submitted version, read-only: each field the phase asks, and any other the version says
 * something in (an older version, filed when the phase asked more), with its label as text. The
 * labels are the plain ones of the record, not the questions of the form. Without the phase's
 * fields, every field.
 */
export function reportContentView(content: ReportContent, fields?: readonly ReportPhaseField[]): HTMLElement {
  const asked = fields ? new Set(fields.map((field) => field.path)) : undefined;
  // A box left unticked in a phase that did not ask it says nothing.
  const says = (value: unknown) => hasValue(value) && value !== false;
  const show = (field: ReportField, value: unknown): string => {
    if (field.kind === 'tristate' && (value === null || value === undefined)) return t('report.unknown');
    if (!hasValue(value)) return '–';
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
    ALL_FIELDS.filter((field) => (field.shownWhen === undefined || valueAt(content, field.shownWhen) === true) && (asked === undefined || asked.has(field.path) || says(valueAt(content, field.path)))).map((field) =>
      h('div', { class: 'kv' }, h('dt', {}, t(field.label)), h('dd', { class: 'prose', 'data-field': field.path }, show(field, valueAt(content, field.path)))),
    ),
  );
}
