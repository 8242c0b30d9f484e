import { SEVERITIES, type RuleSummary } from '../api-types.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { severityBadge } from '../components/severity-badge.js';
import { h, replaceChildren } from '../h.js';
import { formatNumber, t } from '../i18n.js';
import type { Page, PageContext } from '../page.js';
import { ruleHref } from '../router.js';

/** Switching a rule on or off is an admin's call (rules:write); analysts read and test. */
export function ruleToggle(context: PageContext, rule: RuleSummary, done: (rule: RuleSummary | null, error?: unknown) => void): HTMLButtonElement | null {
  if (context.me.role !== 'admin') return null;
  return h(
    'button',
    {
      type: 'button',
      class: 'button button-secondary',
      id: `rule-toggle-${rule.id}`,
      'aria-pressed': String(rule.enabled),
      'aria-label': t(rule.enabled ? 'rules.disableLabel' : 'rules.enableLabel', { title: rule.title }),
      on: {
        click: () =>
          void context.api.setRuleEnabled(rule.id, !rule.enabled).then(
            (changed) => done(changed),
            (error: unknown) => done(null, error),
          ),
      },
    },
    rule.enabled ? t('rules.disable') : t('rules.enable'),
  );
}

/** Every detection rule with type, level, tags and state; filtered in the browser (a catalogue is hundreds, not millions). */
export function rulesPage(context: PageContext): Page {
  const feedback = h('div', { class: 'feedback', 'aria-live': 'polite' });
  const body = h('div', {}, h('p', { class: 'loading' }, t('app.loading')));
  let rules: RuleSummary[] = [];

  const search = h('input', { id: 'rule-search', type: 'search', autocomplete: 'off' });
  const type = h('select', { id: 'rule-type' }, h('option', { value: '' }, t('rules.all')), (['sigma', 'correlation', 'ioc'] as const).map((value) => h('option', { value }, value)));
  const level = h('select', { id: 'rule-level' }, h('option', { value: '' }, t('rules.all')), [...SEVERITIES].reverse().map((value) => h('option', { value }, t(`severity.${value}`))));
  const state = h('select', { id: 'rule-state' }, h('option', { value: '' }, t('rules.all')), h('option', { value: 'enabled' }, t('rules.enabled')), h('option', { value: 'disabled' }, t('rules.disabled')));
  for (const control of [search, type, level, state]) control.addEventListener(control === search ? 'input' : 'change', () => render());

  function matches(rule: RuleSummary): boolean {
    const text = search.value.trim().toLowerCase();
    if (text && ![rule.title, rule.id, ...rule.tags].some((value) => value.toLowerCase().includes(text))) return false;
    if (type.value && rule.type !== type.value) return false;
    if (level.value && rule.level !== level.value) return false;
    if (state.value && rule.enabled !== (state.value === 'enabled')) return false;
    return true;
  }

  async function load(focusId?: string): Promise<void> {
    try {
      rules = await context.api.listRules();
      render();
      if (focusId) document.getElementById(focusId)?.focus();
    } catch (error) {
      replaceChildren(body, errorMessage(error, () => void load()));
    }
  }

  function render(): void {
    const shown = rules.filter(matches);
    replaceChildren(
      body,
      h('p', { class: 'muted', 'aria-live': 'polite', id: 'rule-count' }, t('rules.count', { shown: formatNumber(shown.length), total: formatNumber(rules.length) })),
      shown.length === 0
        ? h('p', { class: 'empty' }, t('rules.none'))
        : h(
            'div',
            { class: 'table-scroll' },
            h(
              'table',
              { class: 'plain-table stack-table', id: 'rule-table' },
              h('thead', {}, h('tr', {}, (['rules.title', 'rules.type', 'rules.level', 'rules.tags', 'rules.state'] as const).map((key) => h('th', { scope: 'col' }, t(key))))),
              h(
                'tbody',
                {},
                shown.map((rule) =>
                  h(
                    'tr',
                    { id: `rule-row-${rule.id}`, class: rule.enabled ? undefined : 'row-disabled' },
                    h('td', { 'data-label': t('rules.title') }, h('a', { href: ruleHref(rule.id), class: 'rule-link' }, rule.title), h('br', {}), h('code', { class: 'muted small' }, rule.id)),
                    h('td', { 'data-label': t('rules.type') }, rule.type),
                    h('td', { 'data-label': t('rules.level') }, severityBadge(rule.level)),
                    h('td', { 'data-label': t('rules.tags') }, rule.tags.map((tag) => h('span', { class: 'tag' }, tag))),
                    h(
                      'td',
                      { 'data-label': t('rules.state') },
                      h('span', { class: 'rule-state' }, rule.enabled ? t('rules.enabled') : t('rules.disabled')),
                      ' ',
                      ruleToggle(context, rule, (changed, error) => {
                        replaceChildren(feedback, changed ? h('p', { class: 'notice notice-ok' }, t(changed.enabled ? 'rules.enabledDone' : 'rules.disabledDone', { title: changed.title })) : h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error)));
                        void load(`rule-toggle-${rule.id}`);
                      }),
                    ),
                  ),
                ),
              ),
            ),
          ),
    );
  }

  const element = h(
    'section',
    { class: 'page page-rules', 'aria-labelledby': 'rules-title' },
    h('header', { class: 'page-header' }, h('h1', { id: 'rules-title' }, t('rules.pageTitle')), h('a', { class: 'button', href: '#/rules/test', id: 'rule-test-link' }, t('ruleTest.title'))),
    feedback,
    h(
      'form',
      { class: 'panel filters', role: 'search', on: { submit: (event) => event.preventDefault() } },
      h('div', { class: 'field field-grow' }, h('label', { for: 'rule-search' }, t('rules.search')), search),
      h('div', { class: 'field' }, h('label', { for: 'rule-type' }, t('rules.type')), type),
      h('div', { class: 'field' }, h('label', { for: 'rule-level' }, t('rules.level')), level),
      h('div', { class: 'field' }, h('label', { for: 'rule-state' }, t('rules.state')), state),
    ),
    h('section', { class: 'panel' }, body),
  );
  void load();
  return { title: t('rules.pageTitle'), element };
}
