import type { Incident, SuppressionCondition } from '../api-types.js';
import { errorText } from './error-message.js';
import { problemList } from './problem-list.js';
import { h, replaceChildren } from '../h.js';
import { t } from '../i18n.js';
import type { PageContext } from '../page.js';

const DEFAULT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The server's limit (core/domain/suppression.ts MAX_REASON_LENGTH). */
const MAX_REASON_LENGTH = 500;
const ALL_ORGANISATIONS = '*';

/** `source.ip=203.0.113.7 host.name=fs01` (an incident's entity) as conditions; each splits at its first '='. */
export function conditionsOfEntity(entity: string): SuppressionCondition[] {
  return entity
    .split(/\s+/)
    .filter((part) => part.indexOf('=') > 0)
    .map((part) => ({ field: part.slice(0, part.indexOf('=')), value: part.slice(part.indexOf('=') + 1) }));
}

/** A `datetime-local` value for a moment, in the browser's time zone. */
function localInputValue(at: Date): string {
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * "Suppress…" on an incident: a button that opens a small form pre-filled with the incident's
 * organisation, rule and entity; the author adds why and until when. The CERT may also choose every
 * organisation; an officer sees only their own.
 */
export function suppressPanel(context: PageContext, incident: Incident, onCreated: (message: HTMLElement) => void): HTMLElement {
  const cert = context.me.role === 'admin' || context.me.role === 'analyst';
  const body = h('div', { id: 'suppress-body' });
  const opener = h('button', { type: 'button', class: 'button button-secondary', id: 'suppress-open', 'aria-expanded': 'false', 'aria-controls': 'suppress-body' }, t('suppress.open'));
  opener.addEventListener('click', () => {
    const open = opener.getAttribute('aria-expanded') !== 'true';
    opener.setAttribute('aria-expanded', String(open));
    replaceChildren(body, open ? form() : null);
    if (open) document.getElementById('suppress-reason')?.focus();
  });

  function form(): HTMLElement {
    const errors = h('div', { 'aria-live': 'polite' });
    const organisation = h(
      'select',
      { id: 'suppress-organisation', required: true },
      incident.organizationIds.map((id) => h('option', { value: id }, context.organisationName(id))),
      cert ? h('option', { value: ALL_ORGANISATIONS }, t('suppress.allOrganisations')) : null,
    );
    const rule = h('input', { type: 'checkbox', id: 'suppress-rule', checked: true });
    const conditions = conditionsOfEntity(incident.entity).map((condition, index) => ({
      condition,
      box: h('input', { type: 'checkbox', id: `suppress-condition-${index}`, checked: true }),
    }));
    const reason = h('textarea', { id: 'suppress-reason', required: true, maxlength: MAX_REASON_LENGTH, rows: 2 });
    const expiry = h('input', { id: 'suppress-expiry', type: 'datetime-local', required: true, value: localInputValue(new Date(Date.now() + DEFAULT_DAYS * DAY_MS)) });
    return h(
      'form',
      {
        class: 'suppress-form',
        id: 'suppress-form',
        on: {
          submit: (event) => {
            event.preventDefault();
            if (!expiry.value) return;
            void context.api
              .createSuppression({
                organizationId: organisation.value === ALL_ORGANISATIONS ? null : organisation.value,
                ...(rule.checked ? { ruleId: incident.ruleId } : {}),
                conditions: conditions.filter(({ box }) => box.checked).map(({ condition }) => condition),
                reason: reason.value.trim(),
                expiresAt: new Date(expiry.value).toISOString(),
                sourceIncidentId: incident.id,
              })
              .then(() => {
                opener.setAttribute('aria-expanded', 'false');
                replaceChildren(body, null);
                onCreated(h('p', { class: 'notice notice-ok', id: 'suppress-created', tabindex: '-1' }, t('suppress.created'), ' ', h('a', { href: '#/suppressions' }, t('suppress.toList'))));
              })
              .catch((error: unknown) => replaceChildren(errors, h('div', { class: 'notice notice-error', role: 'alert' }, errorText(error), problemList(error))));
          },
        },
      },
      errors,
      h(
        'div',
        { class: 'form-grid' },
        h('div', { class: 'field' }, h('label', { for: 'suppress-organisation' }, t('suppressions.organisation')), organisation),
        h('div', { class: 'field' }, h('label', { for: 'suppress-expiry' }, t('suppressions.expiresAt')), expiry),
      ),
      h(
        'fieldset',
        { class: 'checks' },
        h('legend', {}, t('suppress.matches')),
        h('label', { class: 'check' }, rule, ' ', t('suppress.onlyRule', { rule: incident.ruleTitle })),
        conditions.map(({ condition, box }) => h('label', { class: 'check' }, box, ' ', h('code', {}, `${condition.field} = ${condition.value}`))),
      ),
      h('div', { class: 'field field-wide' }, h('label', { for: 'suppress-reason' }, t('suppressions.reason')), reason),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button', id: 'suppress-submit' }, t('suppress.submit'))),
    );
  }

  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'suppress-title' },
    h('h2', { id: 'suppress-title' }, t('suppress.title')),
    h('p', { class: 'muted' }, t('suppress.explain')),
    h('div', { class: 'button-row' }, opener),
    body,
  );
}
