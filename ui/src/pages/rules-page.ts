import { RULE_PACKS, RULE_TYPES, SEVERITIES, type RuleFilter, type RulePack, type RulePage, type RuleSummary, type RuleType, type Severity } from '../api-types.js';
import type { ApiClient } from '../api-client.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { packBadge, ruleStateLabel } from '../components/rule-badges.js';
import { severityBadge } from '../components/severity-badge.js';
import { h, replaceChildren } from '../h.js';
import { formatNumber, t, tCount } from '../i18n.js';
import type { Page, PageContext } from '../page.js';
import { ruleHref } from '../router.js';

const PAGE_SIZE = 100;
/** Typing waits this long before asking the API, so a word is one request, not one per letter. */
const SEARCH_DELAY_MS = 250;

interface RulesState {
  pack: '' | RulePack;
  state: '' | 'enabled' | 'disabled';
  level: '' | Severity;
  type: '' | RuleType;
  q: string;
  /** 0-based. */
  page: number;
}

/** Kept across navigation, so that coming back from a rule shows the same filtered page. */
let state: RulesState = initialState();

function initialState(): RulesState {
  return { pack: '', state: '', level: '', type: '', q: '', page: 0 };
}

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

/** One page of the rules that match: the API filters and pages, so the browser holds a page, not thousands. */
function fetchRules(api: ApiClient, wanted: RulesState): Promise<RulePage> {
  const filter: RuleFilter = {
    pack: wanted.pack ? [wanted.pack] : undefined,
    level: wanted.level ? [wanted.level] : undefined,
    type: wanted.type ? [wanted.type] : undefined,
    enabled: wanted.state ? wanted.state === 'enabled' : undefined,
    q: wanted.q || undefined,
  };
  return api.listRules({ ...filter, offset: wanted.page * PAGE_SIZE, limit: PAGE_SIZE });
}

/** The rules with pack, type, level, tags and state, a page at a time (several thousand ship). */
export function rulesPage(context: PageContext): Page {
  const feedback = h('div', { class: 'feedback', 'aria-live': 'polite' });
  const summary = h('p', { class: 'muted rule-count', 'aria-live': 'polite', id: 'rule-count' });
  const body = h('div', {}, h('p', { class: 'loading' }, t('app.loading')));
  const paging = h('nav', { class: 'paging', 'aria-label': t('rules.paging') });

  const search = h('input', { id: 'rule-search', type: 'search', autocomplete: 'off', value: state.q });
  const all = () => h('option', { value: '' }, t('rules.all'));
  const pack = h('select', { id: 'rule-pack' }, all(), RULE_PACKS.map((value) => h('option', { value }, t(`rules.pack.${value}`))));
  const type = h('select', { id: 'rule-type' }, all(), RULE_TYPES.map((value) => h('option', { value }, value)));
  const level = h('select', { id: 'rule-level' }, all(), [...SEVERITIES].reverse().map((value) => h('option', { value }, t(`severity.${value}`))));
  const stateSelect = h('select', { id: 'rule-state' }, all(), h('option', { value: 'enabled' }, t('rules.enabled')), h('option', { value: 'disabled' }, t('rules.disabled')));
  showState();

  function showState(): void {
    search.value = state.q;
    pack.value = state.pack;
    type.value = state.type;
    level.value = state.level;
    stateSelect.value = state.state;
  }

  function applyFilters(): void {
    state = { pack: pack.value as RulesState['pack'], state: stateSelect.value as RulesState['state'], level: level.value as RulesState['level'], type: type.value as RulesState['type'], q: search.value.trim(), page: 0 };
    void load();
  }

  let searchTimer: number | undefined;
  search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(applyFilters, SEARCH_DELAY_MS);
  });
  for (const control of [pack, type, level, stateSelect]) control.addEventListener('change', applyFilters);

  /** Answers can overtake each other while someone types; only the latest request's answer is shown. */
  let latest = 0;
  let disposed = false;

  async function load(focusId?: string): Promise<void> {
    const request = ++latest;
    element.setAttribute('aria-busy', 'true');
    try {
      const page = await fetchRules(context.api, state);
      if (disposed || request !== latest) return;
      const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
      // A switch or a shrunken result can leave the page past the end: show the last page instead.
      if (state.page >= pages) {
        state = { ...state, page: pages - 1 };
        void load(focusId);
        return;
      }
      render(page, pages);
      if (focusId) document.getElementById(focusId)?.focus();
    } catch (error) {
      if (disposed || request !== latest) return;
      replaceChildren(summary);
      replaceChildren(paging);
      replaceChildren(body, errorMessage(error, () => void load()));
    } finally {
      if (request === latest) element.removeAttribute('aria-busy');
    }
  }

  function turn(step: -1 | 1): void {
    state = { ...state, page: state.page + step };
    void load(step === 1 ? 'rule-page-next' : 'rule-page-previous');
  }

  function render(page: RulePage, pages: number): void {
    const pageOf = t('rules.pageOf', { page: formatNumber(state.page + 1), pages: formatNumber(pages) });
    replaceChildren(summary, tCount('rules.total', page.total), pages > 1 ? ` · ${pageOf}` : null);
    replaceChildren(
      paging,
      pages > 1
        ? [
            h('button', { type: 'button', class: 'button button-secondary', id: 'rule-page-previous', disabled: state.page === 0, on: { click: () => turn(-1) } }, `‹ ${t('rules.previous')}`),
            h('span', { class: 'page-number', id: 'rule-page' }, pageOf),
            h('button', { type: 'button', class: 'button button-secondary', id: 'rule-page-next', disabled: state.page >= pages - 1, on: { click: () => turn(1) } }, `${t('rules.next')} ›`),
          ]
        : null,
    );
    replaceChildren(body, page.items.length === 0 ? h('p', { class: 'empty' }, t('rules.none')) : ruleTable(page.items));
  }

  function ruleTable(rules: RuleSummary[]): HTMLElement {
    const columns = ['rules.title', 'rules.pack', 'rules.type', 'rules.level', 'rules.tags', 'rules.state'] as const;
    return h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'plain-table stack-table rule-table', id: 'rule-table' },
        h('thead', {}, h('tr', {}, columns.map((key) => h('th', { scope: 'col', class: `col-${key.slice('rules.'.length)}` }, t(key))))),
        h(
          'tbody',
          {},
          rules.map((rule) =>
            h(
              'tr',
              { id: `rule-row-${rule.id}`, class: rule.enabled ? undefined : 'row-disabled' },
              h('td', { 'data-label': t('rules.title') }, h('a', { href: ruleHref(rule.id), class: 'rule-link' }, rule.title), h('br', {}), h('code', { class: 'muted small' }, rule.id)),
              h('td', { 'data-label': t('rules.pack') }, packBadge(rule)),
              h('td', { 'data-label': t('rules.type'), class: 'col-type' }, rule.type),
              h('td', { 'data-label': t('rules.level') }, severityBadge(rule.level)),
              h('td', { 'data-label': t('rules.tags') }, rule.tags.map((tag) => h('span', { class: 'tag' }, tag))),
              h(
                'td',
                { 'data-label': t('rules.state'), class: 'col-state' },
                ruleStateLabel(rule),
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
    );
  }

  function resetFilters(): void {
    window.clearTimeout(searchTimer);
    state = initialState();
    showState();
    void load();
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
      h('div', { class: 'field' }, h('label', { for: 'rule-pack' }, t('rules.pack')), pack),
      h('div', { class: 'field' }, h('label', { for: 'rule-state' }, t('rules.state')), stateSelect),
      h('div', { class: 'field' }, h('label', { for: 'rule-level' }, t('rules.level')), level),
      h('div', { class: 'field' }, h('label', { for: 'rule-type' }, t('rules.type')), type),
      h('div', { class: 'filter-actions' }, h('button', { type: 'button', class: 'button button-secondary', id: 'rule-reset', on: { click: resetFilters } }, t('rules.reset'))),
    ),
    h('section', { class: 'panel' }, summary, body, paging),
  );
  void load();
  return {
    title: t('rules.pageTitle'),
    element,
    dispose() {
      disposed = true;
      window.clearTimeout(searchTimer);
    },
  };
}
