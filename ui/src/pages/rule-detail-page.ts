import type { RuleDetail } from '../api-types.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { defaultReasonText, isSigmahqRule, packBadge, ruleStateLabel } from '../components/rule-badges.js';
import { severityBadge } from '../components/severity-badge.js';
import { h, replaceChildren, type Child } from '../h.js';
import { t } from '../i18n.js';
import type { Page, PageContext } from '../page.js';
import { navigate } from '../router.js';
import { openInRuleTester } from './rule-test-page.js';
import { ruleToggle } from './rules-page.js';

/** The licence SigmaHQ's rules come under; rules/sigmahq/LICENSE.Detection.Rules.md holds its text. */
const DRL_URL = 'https://github.com/SigmaHQ/Detection-Rule-License';

/** One rule: what it is, whether it runs, and its source as text (rule files are data, never markup). */
export function ruleDetailPage(context: PageContext, id: string): Page {
  const element = h('section', { class: 'page page-rule', 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('app.loading')));
  let feedback: Child = null;

  async function load(focusId?: string): Promise<void> {
    try {
      render(await context.api.getRule(id));
      if (focusId) document.getElementById(focusId)?.focus();
    } catch (error) {
      replaceChildren(element, errorMessage(error, () => void load()));
    } finally {
      element.removeAttribute('aria-busy');
    }
  }

  function render(rule: RuleDetail): void {
    const row = (label: string, value: Child) => h('div', { class: 'kv' }, h('dt', {}, label), h('dd', {}, value));
    replaceChildren(
      element,
      h('p', {}, h('a', { href: '#/rules', class: 'back-link' }, `← ${t('rules.back')}`)),
      h('header', { class: 'page-header' }, h('h1', { id: 'rule-title' }, rule.title), h('div', { class: 'badges' }, severityBadge(rule.level))),
      h('div', { class: 'feedback', 'aria-live': 'polite' }, feedback),
      h(
        'section',
        { class: 'panel' },
        h(
          'dl',
          { class: 'summary' },
          row(t('rules.id'), h('code', {}, rule.id)),
          row(t('rules.pack'), [packBadge(rule), ' ', h('span', { class: 'muted small' }, t(`rules.packAbout.${rule.pack}`))]),
          row(t('rules.type'), rule.type),
          row(t('rules.state'), ruleStateLabel(rule, 'rule-state')),
          row(t('rules.default'), h('span', { id: 'rule-default' }, rule.enabledByDefault ? t('rules.enabled') : t('rules.disabled'), h('br', {}), h('span', { class: 'muted small' }, t('rules.defaultReason', { reason: defaultReasonText(rule) })))),
          rule.description ? row(t('rules.description'), rule.description) : null,
          rule.author ? row(t('rules.author'), h('span', { id: 'rule-author' }, rule.author)) : null,
          isSigmahqRule(rule) ? row(t('rules.licence'), h('span', { id: 'rule-licence' }, h('a', { href: DRL_URL, rel: 'noopener noreferrer', target: '_blank' }, t('rules.licenceName')), h('br', {}), h('span', { class: 'muted small' }, t('rules.licenceNote')))) : null,
          rule.path ? row(t('rules.path'), h('code', {}, rule.path)) : null,
          rule.tags.length ? row(t('rules.tags'), rule.tags.map((tag) => h('span', { class: 'tag' }, tag))) : null,
        ),
        h(
          'div',
          { class: 'button-row' },
          ruleToggle(context, rule, (changed, error) => {
            feedback = changed ? h('p', { class: 'notice notice-ok' }, t(changed.enabled ? 'rules.enabledDone' : 'rules.disabledDone', { title: changed.title })) : h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error));
            void load(`rule-toggle-${rule.id}`);
          }),
          h(
            'button',
            {
              type: 'button',
              class: 'button button-secondary',
              id: 'rule-open-tester',
              on: {
                click: () => {
                  openInRuleTester(rule.source);
                  navigate('#/rules/test');
                },
              },
            },
            t('rules.openInTester'),
          ),
        ),
      ),
      h('section', { class: 'panel', 'aria-labelledby': 'rule-source-title' }, h('h2', { id: 'rule-source-title' }, t('rules.source')), h('pre', { class: 'rule-source', id: 'rule-source', tabindex: '0' }, rule.source)),
    );
    element.setAttribute('aria-labelledby', 'rule-title');
  }

  void load();
  return { title: t('rules.pageTitle'), element };
}
