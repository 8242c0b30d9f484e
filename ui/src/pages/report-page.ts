import { ApiError } from '../api-client.js';
import { REPORT_TIERS, type ReportContent, type ReportDetail, type ReportTier } from '../api-types.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { deadlineList, startCountdowns } from '../components/deadline-list.js';
import { downloadButton } from '../components/download-button.js';
import { reportContentView, reportForm, type FieldProblem, type ReportForm } from '../components/report-form.js';
import { h, replaceChildren, type Child } from '../h.js';
import { formatDateTime, t } from '../i18n.js';
import type { Page, PageContext } from '../page.js';
import { incidentHref } from '../router.js';
import { incidentTitles } from '../incident-titles.js';

const AUTOSAVE_DELAY_MS = 1200;
const GDPR_NOTICE_HOURS = 72;

/** The field problems of a refused submission (problem+json `errors`), as the form marks them. */
function fieldProblems(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.problem.errors)) return [];
  return (error.problem.errors as { path?: unknown; code?: unknown }[]).map((problem) => ({ path: String(problem.path ?? ''), ...(typeof problem.code === 'string' ? { code: problem.code } : {}) }));
}

function personalDataAffected(content: ReportContent): boolean {
  return (content.personalData as { affected?: unknown } | undefined)?.affected === true;
}

/** When the data protection authority must have the notice: 72 h after awareness (GDPR Art. 33). */
function gdprDueAt(content: ReportContent): string | null {
  const awareness = typeof content.awarenessAt === 'string' ? Date.parse(content.awarenessAt) : Number.NaN;
  return Number.isNaN(awareness) ? null : new Date(awareness + GDPR_NOTICE_HOURS * 3_600_000).toISOString();
}

/**
 * One phase report. The officer fills the form (autosaved as a draft while typing) and submits; each
 * submission is a new version. The CERT reads the latest version and acknowledges, classifies,
 * gives feedback or asks for an intermediate report. Everything the organisation wrote is text.
 */
export function reportPage(context: PageContext, id: string): Page {
  const element = h('section', { class: 'page page-report', 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('app.loading')));
  const officer = context.me.role === 'officer';
  const cert = context.me.role === 'admin' || context.me.role === 'analyst';
  let disposed = false;
  let feedback: Child = null;
  let stopCountdowns: () => void = () => undefined;
  let autosaveTimer: number | undefined;
  let saveState: HTMLElement | null = null;
  let form: ReportForm | null = null;
  /** Where the result of a submission is said; a refused one is shown without redrawing the form, so nothing typed is lost. */
  let feedbackHost: HTMLElement | null = null;
  /** The officer's GDPR notice follows the "personal data affected" box while they type. */
  let syncGdpr: () => void = () => undefined;
  /** On paper the form is replaced by its content as text, taken when printing starts. */
  let printContent: HTMLElement | null = null;
  /** The obligation's incident by its title; undefined while unknown or not the viewer's to open. */
  let incidentTitle: string | undefined;
  /** The form's content as the read-only view of its phase. */
  let formView: (() => HTMLElement) | null = null;
  const fillPrintContent = () => {
    if (formView && printContent) replaceChildren(printContent, formView());
  };

  async function load(focusId?: string): Promise<void> {
    try {
      const detail = await context.api.getReport(id);
      incidentTitle = detail.obligation ? (await incidentTitles(context.api, [detail.obligation])).get(detail.obligation.incidentId ?? '') : undefined;
      if (disposed) return;
      render(detail);
      if (focusId) document.getElementById(focusId)?.focus();
    } catch (error) {
      if (!disposed) replaceChildren(element, errorMessage(error, () => void load()));
    } finally {
      element.removeAttribute('aria-busy');
    }
  }

  function scheduleAutosave(): void {
    window.clearTimeout(autosaveTimer);
    if (saveState) saveState.textContent = t('report.unsaved');
    autosaveTimer = window.setTimeout(() => void saveDraft(), AUTOSAVE_DELAY_MS);
  }

  async function saveDraft(): Promise<boolean> {
    window.clearTimeout(autosaveTimer);
    autosaveTimer = undefined;
    if (!form) return true;
    try {
      const saved = await context.api.saveReportDraft(id, form.read());
      if (saveState && !disposed) saveState.textContent = t('report.draftSaved', { time: formatDateTime(saved.draftSavedAt ?? new Date().toISOString()) });
      return true;
    } catch (error) {
      if (saveState && !disposed) saveState.textContent = t('report.draftFailed', { detail: errorText(error) });
      return false;
    }
  }

  /**
   * The form's own check first (required fields of the phase, what the browser can tell is
   * malformed); what passes goes to the server, whose answer names every field it refuses. Either
   * way each field is marked with its problem, the first one gets the focus and the form keeps
   * what was typed, which is saved as the draft.
   */
  async function submit(): Promise<void> {
    if (!form) return;
    window.clearTimeout(autosaveTimer);
    const found = form.check();
    if (found.length > 0) {
      await saveDraft();
      refused(form.mark(found), null);
      return;
    }
    try {
      const version = await context.api.submitReport(id, form.read());
      feedback = h('p', { class: 'notice notice-ok', id: 'submit-result', tabindex: '-1' }, t('report.submitted', { version: version.version }));
      await load('submit-result');
    } catch (error) {
      await saveDraft();
      refused(form.mark(fieldProblems(error)), error);
    }
  }

  function refused(labels: readonly string[], error: unknown): void {
    if (disposed || !form) return;
    const result = h(
      'div',
      { class: 'notice notice-error', role: 'alert', id: 'submit-result', tabindex: '-1' },
      t('report.submitFailed'),
      ' ',
      error === null ? t('problem.validation_failed') : errorText(error),
      labels.length ? [h('p', { class: 'fields-to-check' }, t('report.checkFields')), h('ul', { class: 'fields-to-check-list' }, labels.map((label) => h('li', {}, label)))] : null,
    );
    feedback = result;
    if (feedbackHost) replaceChildren(feedbackHost, result);
    if (!form.focusFirstMarked()) result.focus();
  }

  async function certAction(run: () => Promise<unknown>, done: string, focusId: string): Promise<void> {
    try {
      await run();
      feedback = h('p', { class: 'notice notice-ok' }, done);
    } catch (error) {
      feedback = h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error));
    }
    await load(focusId);
  }

  function render(detail: ReportDetail): void {
    stopCountdowns();
    const { report, versions, obligation, dataProtection } = detail;
    const latest = versions[versions.length - 1];
    const initial: ReportContent = { ...(report.draft ?? latest?.content ?? {}) };
    if (initial.awarenessAt === undefined && obligation) initial.awarenessAt = obligation.awarenessAt;
    const shownForm = officer
      ? reportForm(initial, {
          phase: report.phase,
          fields: detail.fields,
          disabled: false,
          onInput: () => {
            scheduleAutosave();
            syncGdpr();
          },
        })
      : null;
    form = shownForm;
    formView = shownForm ? () => reportContentView(shownForm.read(), detail.fields) : null;
    saveState = officer ? h('p', { class: 'save-state muted small', id: 'save-state', 'aria-live': 'polite' }, report.draftSavedAt ? t('report.draftSaved', { time: formatDateTime(report.draftSavedAt) }) : '') : null;
    const gdpr = h('div', { class: 'gdpr-host' });
    syncGdpr = () => {
      if (dataProtection) return replaceChildren(gdpr, gdprPanel(dataProtection.dueAt, dataProtection.notifiedAt));
      const content = form?.read();
      replaceChildren(gdpr, content && personalDataAffected(content) ? gdprPanel(gdprDueAt(content), null) : null);
    };
    syncGdpr();
    printContent = formView ? h('div', {}, formView()) : null;
    feedbackHost = h('div', { class: 'feedback', 'aria-live': 'polite' }, feedback);

    replaceChildren(
      element,
      h('p', {}, h('a', { href: officer ? '#/obligations' : '#/reports', class: 'back-link' }, `← ${t(officer ? 'obligations.back' : 'reports.back')}`)),
      h(
        'header',
        { class: 'page-header' },
        h('h1', { id: 'report-title' }, t('report.title', { phase: t(`phase.${report.phase}`), organisation: context.organisationName(report.organizationId) })),
        h(
          'div',
          { class: 'badges' },
          h('span', { class: `status report-status-${report.status}` }, report.status === 'draft' ? t('report.statusDraft') : t('report.statusSubmitted', { version: report.currentVersion })),
          report.acknowledgedAt ? h('span', { class: 'tag' }, t('report.acknowledgedAt', { time: formatDateTime(report.acknowledgedAt) })) : null,
          h('span', { class: report.certTier ? 'tag' : 'tag tag-unclassified', id: 'report-cert-tier' }, report.certTier ? t(`tier.${report.certTier}`) : t('report.unclassified')),
        ),
      ),
      feedbackHost,
      obligation
        ? h(
            'section',
            { class: 'panel', 'aria-labelledby': 'report-deadlines' },
            h('h2', { id: 'report-deadlines' }, t('obligations.deadlines')),
            obligation.incidentId ? h('p', {}, t('obligations.incident'), ' ', h('a', { href: incidentHref(obligation.incidentId) }, incidentTitle ?? t('obligations.openIncident'))) : null,
            deadlineList(obligation.deadlines),
          )
        : null,
      gdpr,
      cert ? certPanel(detail) : null,
      report.feedback.length
        ? h(
            'section',
            { class: 'panel', 'aria-labelledby': 'report-feedback' },
            h('h2', { id: 'report-feedback' }, t('report.feedbackTitle')),
            h('ol', { class: 'comments' }, report.feedback.map((entry) => h('li', { class: 'comment' }, h('p', { class: 'comment-meta' }, `${entry.authorName} · ${formatDateTime(entry.at)}`), h('p', { class: 'comment-body' }, entry.body)))),
          )
        : null,
      form
        ? h(
            'form',
            {
              class: 'report-form-wrap no-print',
              novalidate: true,
              'aria-labelledby': 'report-title',
              on: {
                submit: (event) => {
                  event.preventDefault();
                  void submit();
                },
              },
            },
            h('p', { class: 'muted' }, t(`phaseHint.${report.phase}`)),
            form.element,
            h('div', { class: 'form-actions' }, saveState, h('button', { type: 'submit', class: 'button', id: 'report-submit' }, report.currentVersion === 0 ? t('report.submit') : t('report.submitCorrection'))),
          )
        : latest
          ? h('section', { class: 'panel', 'aria-labelledby': 'report-content' }, h('h2', { id: 'report-content' }, t('report.latestVersion', { version: latest.version })), reportContentView(latest.content, detail.fields))
          : h('p', { class: 'notice' }, t('report.nothingSubmitted')),
      printContent ? h('section', { class: 'panel print-only', 'aria-labelledby': 'report-print-content' }, h('h2', { id: 'report-print-content' }, t('report.printContent')), printContent) : null,
      versionsPanel(detail),
    );
    element.setAttribute('aria-labelledby', 'report-title');
    stopCountdowns = startCountdowns(element);
  }

  function gdprPanel(dueAt: string | null, notifiedAt: string | null): HTMLElement {
    return h(
      'section',
      { class: 'panel notice gdpr', id: 'gdpr-duty', 'aria-labelledby': 'gdpr-title' },
      h('h2', { id: 'gdpr-title' }, t('report.gdprTitle')),
      h('p', {}, t('report.gdprText')),
      dueAt ? h('p', {}, h('strong', {}, t('report.gdprDue', { time: formatDateTime(dueAt) }))) : null,
      notifiedAt ? h('p', {}, t('report.gdprNotified', { time: formatDateTime(notifiedAt) })) : null,
    );
  }

  function versionsPanel({ report, versions, fields }: ReportDetail): HTMLElement {
    const download = (format: 'json' | 'html') =>
      downloadButton(`export-${format}`, t(format === 'json' ? 'report.exportJson' : 'report.exportHtml'), () => context.api.exportReport(report.id, format), (error) => {
        feedback = h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error));
        void load();
      });
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'report-versions' },
      h('h2', { id: 'report-versions' }, t('report.versions')),
      versions.length === 0
        ? h('p', { class: 'muted' }, t('report.noVersions'))
        : h(
            'ol',
            { class: 'versions' },
            [...versions].reverse().map((version) =>
              h(
                'li',
                { 'data-version': version.version },
                h('details', {}, h('summary', {}, t('report.versionLine', { version: version.version, time: formatDateTime(version.submittedAt), who: version.submittedBy })), reportContentView(version.content, fields)),
              ),
            ),
          ),
      versions.length ? h('div', { class: 'button-row' }, download('json'), download('html')) : null,
    );
  }

  function certPanel({ report, obligation }: ReportDetail): HTMLElement {
    // No tier is preselected: an unclassified report must look unclassified, and saving needs a choice.
    const tier = h('select', { id: 'cert-tier', required: true }, h('option', { value: '' }, t('report.chooseTier')), REPORT_TIERS.map((value) => h('option', { value }, t(`tier.${value}`))));
    tier.value = report.certTier ?? '';
    const note = h('textarea', { id: 'cert-feedback', rows: 3, maxlength: 20000 });
    const intermediateDue = h('input', { id: 'intermediate-due', type: 'datetime-local', required: true });
    const formOf = (id: string, onSubmit: () => void, ...content: Child[]) =>
      h(
        'form',
        {
          class: 'inline-form',
          id,
          on: {
            submit: (event) => {
              event.preventDefault();
              onSubmit();
            },
          },
        },
        ...content,
      );
    return h(
      'section',
      { class: 'panel no-print', 'aria-labelledby': 'cert-actions' },
      h('h2', { id: 'cert-actions' }, t('report.certActions')),
      h(
        'div',
        { class: 'button-row' },
        report.acknowledgedAt
          ? h('p', { class: 'notice notice-ok' }, t('report.acknowledgedAt', { time: formatDateTime(report.acknowledgedAt) }))
          : h('button', { type: 'button', class: 'button', id: 'report-acknowledge', disabled: report.currentVersion === 0, on: { click: () => void certAction(() => context.api.acknowledgeReport(report.id), t('report.acknowledgedDone'), 'cert-actions') } }, t('report.acknowledge')),
      ),
      formOf(
        'classify-form',
        () => void certAction(() => context.api.classifyReport(report.id, tier.value as ReportTier), t('detail.saved'), 'cert-tier'),
        h('div', { class: 'field' }, h('label', { for: 'cert-tier' }, t('report.classify')), tier),
        h('button', { type: 'submit', class: 'button button-secondary' }, t('detail.save')),
      ),
      formOf(
        'feedback-form',
        () => {
          if (note.value.trim()) void certAction(() => context.api.giveReportFeedback(report.id, note.value.trim()), t('report.feedbackSent'), 'cert-feedback');
        },
        h('div', { class: 'field field-wide' }, h('label', { for: 'cert-feedback' }, t('report.feedback')), note),
        h('button', { type: 'submit', class: 'button button-secondary' }, t('report.sendFeedback')),
      ),
      obligation
        ? formOf(
            'intermediate-form',
            () => {
              if (intermediateDue.value) void certAction(() => context.api.requestIntermediateReport(obligation.id, new Date(intermediateDue.value).toISOString(), ''), t('report.intermediateRequested'), 'report-deadlines');
            },
            h('div', { class: 'field' }, h('label', { for: 'intermediate-due' }, t('report.intermediateDue')), intermediateDue),
            h('button', { type: 'submit', class: 'button button-secondary' }, t('report.requestIntermediate')),
          )
        : null,
    );
  }

  window.addEventListener('beforeprint', fillPrintContent);
  void load();
  return {
    title: t('reports.title'),
    element,
    dispose() {
      disposed = true;
      window.removeEventListener('beforeprint', fillPrintContent);
      stopCountdowns();
      // A pending autosave is sent rather than lost when the officer navigates away.
      if (autosaveTimer !== undefined) void saveDraft();
    },
  };
}
