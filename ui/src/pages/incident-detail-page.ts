import { ApiError } from '../api-client.js';
import { OPEN_STATUSES, SEVERITIES, TLP_LABELS, type Alert, type EcsEvent, type Incident, type IncidentChange, type IncidentDetail, type RelatedIncident, type Severity, type Tlp } from '../api-types.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { eventView } from '../components/event-view.js';
import { severityBadge } from '../components/severity-badge.js';
import { storyRiskPanel, tacticName } from '../components/story-risk-panel.js';
import { statusBadge } from '../components/status-badge.js';
import { suppressPanel } from '../components/suppress-form.js';
import { tlpBadge } from '../components/tlp-badge.js';
import { h, replaceChildren, type Child } from '../h.js';
import { formatDateTime, formatNumber, t, tCount } from '../i18n.js';
import type { Page, PageContext } from '../page.js';
import { deadlineList } from '../components/deadline-list.js';
import type { ReportObligation, ReportPhase } from '../api-types.js';
import { phaseActions } from '../components/obligation-card.js';
import { startReport, type FiledReport } from '../start-report.js';
import { campaignBadge } from '../components/campaign-badge.js';
import { entityLink } from '../components/entity-link.js';
import { timelineText } from '../components/timeline-text.js';
import { incidentHref, navigate, reportHref, warningHref } from '../router.js';

const WRITE_ROLES = ['admin', 'analyst', 'officer'];
const CERT_ROLES = ['admin', 'analyst'];

export function incidentDetailPage(context: PageContext, id: string): Page {
  const element = h('section', { class: 'page page-incident', 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('app.loading')));
  const canWrite = WRITE_ROLES.includes(context.me.role);
  const cert = CERT_ROLES.includes(context.me.role);
  const officer = context.me.role === 'officer';
  let detail: IncidentDetail | null = null;
  /** The CERT's: every organisation's; an officer's: their own, as the server scopes them. */
  let obligations: ReportObligation[] = [];
  /** An officer's reports of each obligation, by obligation id. */
  let filed = new Map<string, FiledReport[]>();
  let related: RelatedIncident[] = [];
  /** A campaign's children: each organisation's own incident of the story. */
  let children: Incident[] = [];
  let disposed = false;
  /** Said after a change, in a live region, so that screen readers hear the result. */
  let feedback: Child = null;

  async function load(focusId?: string): Promise<void> {
    try {
      [detail, obligations, related] = await Promise.all([
        context.api.getIncident(id),
        cert || officer ? context.api.listObligations({ incidentId: id }).then((page) => page.items) : Promise.resolve([]),
        context.api.relatedIncidents(id).then((page) => page.items),
      ]);
      children = detail.incident.childIds ? (await context.api.campaignIncidents(id)).items : [];
      filed = officer ? new Map(await Promise.all(obligations.map(async (obligation) => [obligation.id, await context.api.obligationReports(obligation.id)] as const))) : new Map();
      if (disposed) return;
      render();
      if (focusId) document.getElementById(focusId)?.focus();
    } catch (error) {
      if (!disposed) replaceChildren(element, errorMessage(error, () => void load()));
    } finally {
      element.removeAttribute('aria-busy');
    }
  }

  async function change(patch: IncidentChange, focusId: string): Promise<void> {
    if (!detail) return;
    try {
      await context.api.updateIncident(id, detail.incident.version, patch);
      feedback = h('p', { class: 'notice notice-ok' }, t('detail.saved'));
    } catch (error) {
      const conflict = error instanceof ApiError && error.status === 409 && error.code !== 'invalid_transition';
      feedback = h('p', { class: 'notice notice-error', role: 'alert' }, conflict ? t('detail.conflict') : errorText(error));
    }
    await load(focusId);
  }

  async function addComment(textarea: HTMLTextAreaElement): Promise<void> {
    const body = textarea.value.trim();
    if (!body) return;
    try {
      await context.api.addComment(id, body);
      feedback = null;
      await load('comment-body');
    } catch (error) {
      feedback = h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error));
      render();
    }
  }

  function render(): void {
    if (!detail) return;
    const { incident } = detail;
    replaceChildren(
      element,
      h('p', {}, h('a', { href: '#/incidents', class: 'back-link' }, `← ${t('detail.back')}`)),
      h(
        'header',
        { class: 'page-header incident-header' },
        h('h1', { id: 'incident-title' }, incident.title),
        h('div', { class: 'badges' }, severityBadge(incident.severity), statusBadge(incident.status), tlpBadge(incident.tlp), incident.childIds ? campaignBadge() : null),
      ),
      h('div', { class: 'feedback', 'aria-live': 'polite' }, feedback),
      incident.mergedInto
        ? h('p', { class: 'notice', id: 'merged-into' }, t('detail.mergedInto'), ' ', h('a', { href: incidentHref(incident.mergedInto) }, incident.mergedInto))
        : null,
      h('div', { class: 'detail-grid' }, summarySection(), canWrite ? (detail.changeable ? triageSection() : sharedNotice()) : null),
      storyRiskPanel(incident),
      stagesSection(detail.stages, detail.alerts),
      incident.childIds ? affectedSection() : null,
      relatedSection(),
      mergeSection(),
      // Suppressing what feeds a shared incident is the CERT's call, like its triage (the server refuses it too).
      canWrite && detail.changeable && incident.organizationIds.length > 0 ? suppressPanel(context, incident, showSuppressed) : null,
      cert ? reportingSection() : officer ? ownReportingSection() : null,
      officer ? ownEventsSection(detail.events) : null,
      alertsSection(detail.alerts, detail.events),
      observablesSection(),
      commentsSection(),
      timelineSection(),
    );
    element.setAttribute('aria-labelledby', 'incident-title');
  }

  function showSuppressed(message: HTMLElement): void {
    feedback = message;
    render();
    document.getElementById('suppress-created')?.focus();
  }

  function summarySection(): HTMLElement {
    const incident = detail!.incident;
    const row = (label: string, value: Child) => h('div', { class: 'kv' }, h('dt', {}, label), h('dd', {}, value));
    const assignee = incident.assignee === null ? t('detail.unassigned') : incident.assignee === context.me.id ? context.me.displayName || context.me.username : incident.assignee;
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'summary-title' },
      h('h2', { id: 'summary-title' }, t('detail.summary')),
      h(
        'dl',
        { class: 'summary' },
        row(t('detail.rule'), `${incident.ruleTitle} (${incident.ruleId})`),
        incident.entity ? row(t('detail.entity'), h('code', {}, incident.entity)) : null,
        incident.organizationIds.length ? row(t('detail.organisations'), incident.organizationIds.map((orgId) => context.organisationName(orgId)).join(', ')) : null,
        incident.entities?.length ? row(t('story.entities'), h('ul', { class: 'entity-list', id: 'incident-entities' }, incident.entities.map((entity) => h('li', {}, entityLink(entity))))) : null,
        row(t('detail.firstSeen'), formatDateTime(incident.firstSeen)),
        row(t('detail.lastSeen'), formatDateTime(incident.lastSeen)),
        row(t('detail.alertCount'), formatNumber(incident.alertCount)),
        row(t('detail.eventCount'), formatNumber(incident.eventCount)),
        row(t('detail.assignee'), h('span', { id: 'incident-assignee' }, assignee)),
        incident.tags.length ? row(t('detail.tags'), incident.tags.map((tag) => h('span', { class: 'tag' }, tag))) : null,
      ),
    );
  }

  /** A campaign belongs to no organisation: its children say who was hit. */
  function affectedSection(): HTMLElement {
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'affected-title' },
      h('h2', { id: 'affected-title' }, t('story.affected')),
      children.length === 0
        ? h('p', { class: 'muted' }, t('story.noAffected'))
        : h(
            'ul',
            { class: 'story-list', id: 'campaign-children' },
            children.map((child) =>
              h(
                'li',
                {},
                h('strong', {}, child.organizationIds.map((orgId) => context.organisationName(orgId)).join(', ')),
                ' · ',
                h('a', { href: incidentHref(child.id) }, child.title),
                ' ',
                statusBadge(child.status),
              ),
            ),
          ),
    );
  }

  function relatedSection(): HTMLElement {
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'related-title' },
      h('h2', { id: 'related-title' }, t('story.related')),
      related.length === 0
        ? h('p', { class: 'muted' }, t('story.noRelated'))
        : h(
            'ul',
            { class: 'story-list', id: 'related-incidents' },
            related.map((item) =>
              h(
                'li',
                {},
                severityBadge(item.severity),
                ' ',
                h('a', { href: incidentHref(item.id) }, item.title),
                item.childIds ? [' ', campaignBadge()] : null,
                ' ',
                h('span', { class: 'muted small' }, [formatDateTime(item.lastSeen), ...item.organizationIds.map((orgId) => context.organisationName(orgId))].join(' · ')),
                h('div', { class: 'small' }, t('story.shared'), ' ', item.sharedEntities.map((entity, index) => [index ? ', ' : '', entityLink(entity)])),
              ),
            ),
          ),
    );
  }

  /** Instead of controls the server would refuse (403 incident_shared). */
  function sharedNotice(): HTMLElement {
    return h('section', { class: 'panel', 'aria-labelledby': 'triage-title' }, h('h2', { id: 'triage-title' }, t('detail.triage')), h('p', { id: 'incident-shared' }, t('detail.sharedReadOnly')));
  }

  function triageSection(): HTMLElement {
    const incident = detail!.incident;
    // The server says what may follow; the UI keeps no copy of the state machine.
    const transitions = detail!.allowedTransitions;
    const reopening = ['resolved', 'closed', 'false_positive'].includes(incident.status);
    const statusButtons = transitions.map((next) =>
      h(
        'button',
        { type: 'button', class: next === 'false_positive' ? 'button button-secondary' : 'button', id: `status-${next}`, 'data-status': next, on: { click: () => void change({ status: next }, `status-heading`) } },
        reopening && next === 'investigating' ? t('action.reopen') : t(`action.${next}`),
      ),
    );
    const assignButton =
      incident.assignee === context.me.id
        ? h('button', { type: 'button', class: 'button button-secondary', id: 'unassign', on: { click: () => void change({ assignee: null }, 'assign-to-me') } }, t('detail.unassign'))
        : h('button', { type: 'button', class: 'button button-secondary', id: 'assign-to-me', on: { click: () => void change({ assignee: context.me.id }, 'unassign') } }, t('detail.assignToMe'));

    const severity = h('select', { id: 'incident-severity' }, [...SEVERITIES].reverse().map((value) => h('option', { value }, t(`severity.${value}`))));
    severity.value = incident.severity;
    const tlp = h('select', { id: 'incident-tlp' }, TLP_LABELS.map((value) => h('option', { value, lang: 'en' }, value)));
    tlp.value = incident.tlp;
    const classification = h(
      'form',
      {
        class: 'classification',
        on: {
          submit: (event) => {
            event.preventDefault();
            const patch: IncidentChange = {};
            if (severity.value !== incident.severity) patch.severity = severity.value as Severity;
            if (tlp.value !== incident.tlp) patch.tlp = tlp.value as Tlp;
            if (Object.keys(patch).length) void change(patch, 'classification-save');
          },
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'incident-severity' }, t('detail.changeSeverity')), severity),
      h('div', { class: 'field' }, h('label', { for: 'incident-tlp' }, t('detail.changeTlp')), tlp),
      h('button', { type: 'submit', class: 'button button-secondary', id: 'classification-save' }, t('detail.save')),
    );
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'triage-title' },
      h('h2', { id: 'triage-title' }, t('detail.triage')),
      h('h3', { id: 'status-heading', tabindex: '-1' }, t('detail.statusActions')),
      statusButtons.length ? h('div', { class: 'button-row' }, statusButtons) : h('p', {}, t('detail.noTransitions')),
      h('h3', {}, t('detail.assignee')),
      h('div', { class: 'button-row' }, assignButton),
      classification,
    );
  }

  async function merge(sourceIds: string[]): Promise<void> {
    if (!detail || sourceIds.length === 0) return;
    try {
      const result = await context.api.mergeIncidents(id, detail.incident.version, sourceIds);
      feedback = h('p', { class: 'notice notice-ok' }, tCount('merge.done', result.merged.length));
    } catch (error) {
      const stale = error instanceof ApiError && error.code === 'conflict';
      feedback = h('p', { class: 'notice notice-error', role: 'alert' }, stale ? t('detail.conflict') : errorText(error));
    }
    await load('merge-title');
  }

  /**
   * The incidents folded into this one, and, for the CERT on an incident that is not merged itself,
   * a search over the open queue to pick more: a merge is chosen from what the analyst sees in the queue.
   */
  function mergeSection(): HTMLElement | null {
    const incident = detail!.incident;
    const sources = detail!.mergedSources;
    const mayMerge = cert && !incident.mergedInto;
    if (!mayMerge && sources.length === 0) return null;
    const results = h('div', { id: 'merge-candidates', 'aria-live': 'polite' });
    const search = h('input', { id: 'merge-search', type: 'search', maxlength: 200, autocomplete: 'off' });
    const chosen = new Set<string>();
    const mergeButton = h('button', { type: 'button', class: 'button', id: 'merge-submit', disabled: true, on: { click: () => void merge([...chosen]) } }, t('merge.submit'));
    async function findCandidates(): Promise<void> {
      try {
        // Candidates come from the open queue: closed incidents are history, not duplicates to fold in.
        const page = await context.api.listIncidents({ status: OPEN_STATUSES, q: search.value.trim() || undefined, limit: 20, sort: 'lastSeen' });
        const candidates = page.items.filter((candidate: Incident) => candidate.id !== id && !candidate.mergedInto);
        replaceChildren(
          results,
          candidates.length === 0
            ? h('p', { class: 'muted' }, t('merge.noCandidates'))
            : h(
                'ul',
                { class: 'candidate-list' },
                candidates.map((candidate) => {
                  const box = h('input', { type: 'checkbox', id: `merge-candidate-${candidate.id}`, value: candidate.id, checked: chosen.has(candidate.id) });
                  box.addEventListener('change', () => {
                    if (box.checked) chosen.add(candidate.id);
                    else chosen.delete(candidate.id);
                    mergeButton.disabled = chosen.size === 0;
                  });
                  return h(
                    'li',
                    {},
                    h('label', { for: `merge-candidate-${candidate.id}`, class: 'check' }, box, ' ', severityBadge(candidate.severity), ' ', candidate.title, ' ', h('span', { class: 'muted small' }, `${formatDateTime(candidate.lastSeen)} · ${candidate.organizationIds.map((orgId) => context.organisationName(orgId)).join(', ')}`)),
                  );
                }),
              ),
        );
      } catch (error) {
        replaceChildren(results, errorMessage(error));
      }
    }
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'merge-title' },
      h('h2', { id: 'merge-title', tabindex: '-1' }, t('merge.title')),
      sources.length
        ? h(
            'ul',
            { class: 'merged-sources', id: 'merged-sources' },
            sources.map((source) => h('li', {}, h('a', { href: incidentHref(source.id) }, source.title), ' ', statusBadge(source.status), ' ', h('span', { class: 'muted small' }, tCount('merge.alerts', source.alertCount)))),
          )
        : h('p', { class: 'muted' }, t('merge.none')),
      mayMerge
        ? h(
            'form',
            {
              class: 'inline-form',
              role: 'search',
              on: {
                submit: (event) => {
                  event.preventDefault();
                  void findCandidates();
                },
              },
            },
            h('div', { class: 'field field-grow' }, h('label', { for: 'merge-search' }, t('merge.search')), search),
            h('button', { type: 'submit', class: 'button button-secondary', id: 'merge-find' }, t('merge.find')),
          )
        : null,
      mayMerge ? results : null,
      mayMerge ? h('div', { class: 'button-row' }, mergeButton) : null,
    );
  }

  async function requestReport(organizationId: string, awareness: string): Promise<void> {
    try {
      await context.api.requestReport(id, organizationId, new Date(awareness).toISOString());
      feedback = h('p', { class: 'notice notice-ok' }, t('detail.reportRequested', { organisation: context.organisationName(organizationId) }));
    } catch (error) {
      feedback = h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error));
    }
    await load('reporting-title');
  }

  async function createWarning(): Promise<void> {
    try {
      const warning = await context.api.createWarningFromIncident(id);
      navigate(warningHref(warning.id));
    } catch (error) {
      feedback = h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error));
      render();
    }
  }

  /** The CERT asks an organisation for a mandatory report, and drafts a warning from the incident. */
  function reportingSection(): HTMLElement {
    const incident = detail!.incident;
    const organisation = h('select', { id: 'report-organisation', required: true }, incident.organizationIds.map((orgId) => h('option', { value: orgId }, context.organisationName(orgId))));
    const now = new Date();
    const awareness = h('input', { id: 'report-awareness', type: 'datetime-local', required: true, value: new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16) });
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'reporting-title' },
      h('h2', { id: 'reporting-title', tabindex: '-1' }, t('detail.reporting')),
      obligations.length
        ? h(
            'ul',
            { class: 'obligation-list' },
            obligations.map((obligation) =>
              h(
                'li',
                {},
                h('strong', {}, context.organisationName(obligation.organizationId)),
                deadlineList(obligation.deadlines),
                obligation.deadlines.filter((deadline) => deadline.reportId).map((deadline) => h('a', { href: reportHref(deadline.reportId!), class: 'small' }, t('obligations.open', { phase: t(`phase.${deadline.phase}`) }), ' ')),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('detail.noObligations')),
      incident.organizationIds.length
        ? h(
            'form',
            {
              class: 'inline-form',
              id: 'request-report-form',
              on: {
                submit: (event) => {
                  event.preventDefault();
                  if (awareness.value) void requestReport(organisation.value, awareness.value);
                },
              },
            },
            h('div', { class: 'field' }, h('label', { for: 'report-organisation' }, t('detail.reportOrganisation')), organisation),
            h('div', { class: 'field' }, h('label', { for: 'report-awareness' }, t('detail.reportAwareness')), awareness),
            h('button', { type: 'submit', class: 'button', id: 'request-report' }, t('detail.requestReport')),
          )
        : null,
      h('h3', {}, t('detail.warning')),
      h('div', { class: 'button-row' }, h('button', { type: 'button', class: 'button button-secondary', id: 'create-warning', on: { click: () => void createWarning() } }, t('detail.createWarning'))),
    );
  }

  async function start(obligation: ReportObligation, phase: ReportPhase): Promise<void> {
    try {
      navigate(reportHref(await startReport(context.api, obligation, phase, filed.get(obligation.id) ?? [])));
    } catch (error) {
      feedback = h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error));
      render();
    }
  }

  /** What an officer does about an incident: their organisation's reports the CERT asked for. */
  function ownReportingSection(): HTMLElement {
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'reporting-title', id: 'own-reporting' },
      h('h2', { id: 'reporting-title', tabindex: '-1' }, t('detail.ownReporting')),
      obligations.length === 0
        ? h('p', { class: 'muted' }, t('detail.noOwnObligation'))
        : obligations.map((obligation) =>
            h(
              'div',
              { class: 'own-obligation', 'data-obligation-id': obligation.id },
              deadlineList(obligation.deadlines),
              phaseActions(obligation, { reports: new Map((filed.get(obligation.id) ?? []).map((report) => [report.phase, report.id])), start: (phase) => void start(obligation, phase) }),
            ),
          ),
    );
  }

  function observablesSection(): HTMLElement | null {
    const observables = detail!.observables;
    if (observables.length === 0) return null;
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'observables-title' },
      h('h2', { id: 'observables-title' }, t('detail.observables')),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'plain-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('detail.observableType')), h('th', { scope: 'col' }, t('detail.observableValue')), h('th', { scope: 'col' }, t('detail.observableCount')))),
          h(
            'tbody',
            {},
            observables.map((observable) => h('tr', {}, h('td', {}, observable.type), h('td', {}, h('code', {}, observable.value)), h('td', {}, formatNumber(observable.count)))),
          ),
        ),
      ),
    );
  }

  function commentsSection(): HTMLElement {
    const textarea = h('textarea', { id: 'comment-body', name: 'body', rows: 3, required: true, maxlength: 20000 });
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'comments-title' },
      h('h2', { id: 'comments-title' }, t('detail.comments')),
      detail!.comments.length === 0
        ? h('p', { class: 'muted' }, t('detail.noComments'))
        : h(
            'ol',
            { class: 'comments' },
            detail!.comments.map((comment) =>
              h(
                'li',
                { class: 'comment' },
                h('p', { class: 'comment-meta' }, t('detail.commentBy', { author: comment.authorName, time: formatDateTime(comment.createdAt) })),
                h('p', { class: 'comment-body' }, comment.body),
              ),
            ),
          ),
      canWrite
        ? h(
            'form',
            {
              class: 'comment-form',
              on: {
                submit: (event) => {
                  event.preventDefault();
                  void addComment(textarea);
                },
              },
            },
            h('div', { class: 'field' }, h('label', { for: 'comment-body' }, t('detail.newComment')), textarea),
            h('button', { type: 'submit', class: 'button', id: 'comment-submit' }, t('detail.addComment')),
          )
        : null,
    );
  }

  function timelineSection(): HTMLElement {
    const timeline = detail!.timeline;
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, t('detail.timeline')),
      timeline.length === 0
        ? h('p', { class: 'muted' }, t('detail.noTimeline'))
        : h(
            'ol',
            { class: 'timeline' },
            timeline.map((entry) =>
              h(
                'li',
                {},
                h('time', { datetime: entry.at }, formatDateTime(entry.at)),
                ' · ',
                h('strong', {}, entry.actor),
                ' · ',
                timelineText(entry) ?? [h('code', {}, entry.action), entry.after ? h('span', { class: 'muted' }, ` ${JSON.stringify(entry.after)}`) : null],
              ),
            ),
          ),
    );
  }

  void load();
  return {
    title: t('incidents.title'),
    element,
    dispose() {
      disposed = true;
    },
  };
}

/** The incident's alerts by ATT&CK tactic in kill-chain order: the course of the attack at a glance. */
function stagesSection(stages: IncidentDetail['stages'], alerts: readonly Alert[]): HTMLElement {
  const byId = new Map(alerts.map((alert) => [alert.alert.id, alert]));
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'stages-title' },
    h('h2', { id: 'stages-title' }, t('stages.title')),
    stages.length === 0
      ? h('p', { class: 'muted' }, t('stages.empty'))
      : [
          h('p', { class: 'muted small' }, t('stages.intro')),
          h(
            'ol',
            { class: 'attack-stages', id: 'attack-stages' },
            stages.map((stage) =>
              h(
                'li',
                { 'data-tactic': stage.tactic },
                h('h3', {}, tacticName(stage.tactic)),
                h(
                  'ul',
                  {},
                  stage.alertIds.flatMap((alertId) => {
                    const alert = byId.get(alertId);
                    return alert ? [h('li', {}, severityBadge(alert.rule.level), ' ', t('stages.alert', { time: formatDateTime(alert['@timestamp']), rule: alert.rule.title }))] : [];
                  }),
                ),
              ),
            ),
          ),
        ],
  );
}

function alertsSection(alerts: readonly Alert[], events: readonly EcsEvent[]): HTMLElement {
  const byId = new Map<string, EcsEvent>();
  for (const event of events) if (typeof event.event?.id === 'string') byId.set(event.event.id, event);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'alerts-title' },
    h('h2', { id: 'alerts-title' }, t('detail.alerts')),
    alerts.length === 0
      ? h('p', { class: 'muted' }, t('detail.noAlerts'))
      : [...alerts].reverse().map((alert) => {
          const own = new Map<string, EcsEvent>();
          for (const event of alert.events ?? []) if (typeof event.event?.id === 'string') own.set(event.event.id, event);
          const alertEvents = alert.event_ids.flatMap((eventId) => {
            const event = own.get(eventId) ?? byId.get(eventId);
            return event ? [event] : [];
          });
          return h(
            'article',
            { class: 'alert' },
            h('h3', {}, severityBadge(alert.rule.level), ' ', t('detail.alertFired', { rule: alert.rule.title, count: alert.alert.count, time: formatDateTime(alert['@timestamp']) })),
            alertEvents.map(eventView),
          );
        }),
  );
}

const eventText = (event: EcsEvent, path: string): string => {
  let value: unknown = event;
  for (const part of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value === undefined || value === null || typeof value === 'object' ? '' : String(value);
};

/**
 * An officer's evidence at a glance: every event of their own organisation the incident rests on,
 * oldest first, also those of alerts they cannot open (one naming several organisations, another
 * organisation's share of a shared incident). The server sends no other organisation's events.
 */
function ownEventsSection(events: readonly EcsEvent[]): HTMLElement {
  const ordered = [...events].sort((a, b) => String(a['@timestamp'] ?? '').localeCompare(String(b['@timestamp'] ?? '')));
  const columns = [t('detail.eventTime'), t('detail.eventHost'), t('detail.eventSource'), t('detail.eventUser'), t('detail.eventAction'), t('detail.original')] as const;
  // Each cell carries its column's name: on a phone the rows stack, each value under its label.
  const cell = (column: number, content: Child, className?: string) => h('td', { 'data-label': columns[column], ...(className ? { class: className } : {}) }, content);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'own-events-title' },
    h('h2', { id: 'own-events-title' }, t('detail.ownEvents'), ' ', h('span', { class: 'muted small' }, formatNumber(events.length))),
    ordered.length === 0
      ? h('p', { class: 'muted' }, t('detail.noOwnEvents'))
      : h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'plain-table own-events', id: 'own-events' },
            h(
              'thead',
              {},
              h('tr', {}, columns.map((label) => h('th', { scope: 'col' }, label))),
            ),
            h(
              'tbody',
              {},
              ordered.map((event) => {
                const at = eventText(event, '@timestamp');
                const action = [eventText(event, 'event.action'), eventText(event, 'event.outcome')].filter(Boolean).join(' · ');
                const original = eventText(event, 'event.original');
                return h(
                  'tr',
                  { 'data-event-id': eventText(event, 'event.id') },
                  cell(0, at ? h('time', { datetime: at }, formatDateTime(at)) : '–', 'nowrap'),
                  cell(1, eventText(event, 'host.name') || '–'),
                  cell(2, eventText(event, 'source.ip') || '–'),
                  cell(3, eventText(event, 'user.name') || '–'),
                  cell(4, action || '–'),
                  cell(5, original ? h('code', { class: 'event-line' }, original) : h('span', { class: 'muted' }, t('detail.noOriginal'))),
                );
              }),
            ),
          ),
        ),
  );
}
