import type { Alert, RuleProblem } from '../api-types.js';
import { errorText } from '../components/error-message.js';
import { severityBadge } from '../components/severity-badge.js';
import { h, replaceChildren } from '../h.js';
import { t, tCount } from '../i18n.js';
import type { Page, PageContext } from '../page.js';

/** A rule handed over from its detail page; taken once by the next tester page. */
let handedOver: string | null = null;

export function openInRuleTester(source: string): void {
  handedOver = source;
}

/** Sample events are JSON lines: every line that is not a JSON object is named with its number. */
export function parseEventLines(text: string): { events: Record<string, unknown>[]; problems: RuleProblem[] } {
  const events: Record<string, unknown>[] = [];
  const problems: RuleProblem[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    try {
      const value: unknown = JSON.parse(line);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) problems.push({ line: index + 1, message: t('ruleTest.notAnObject') });
      else events.push(value as Record<string, unknown>);
    } catch {
      // The parser's own message is English and names offsets within the line: the line number says enough.
      problems.push({ line: index + 1, message: t('ruleTest.notJson') });
    }
  });
  return { events, problems };
}

/** Paste a rule and sample events: the server validates the rule (line and column) and runs it over the events. */
export function ruleTestPage(context: PageContext): Page {
  const rule = h('textarea', { id: 'rule-yaml', rows: 16, spellcheck: 'false', class: 'code-input', required: true });
  rule.value = handedOver ?? '';
  handedOver = null;
  const events = h('textarea', { id: 'rule-events', rows: 8, spellcheck: 'false', class: 'code-input', 'aria-describedby': 'rule-events-hint' });
  const result = h('div', { id: 'rule-test-result', 'aria-live': 'polite' });
  const show = (...content: (HTMLElement | null)[]) => replaceChildren(result, ...content);

  function problemsView(title: string, problems: readonly RuleProblem[], id: string): HTMLElement {
    return h(
      'div',
      { class: 'notice notice-error', role: 'alert', id },
      h('strong', {}, title),
      h(
        'ul',
        { class: 'problem-list' },
        problems.map((problem) =>
          h('li', {}, problem.line !== undefined ? h('code', {}, problem.column !== undefined ? t('ruleTest.lineColumn', { line: problem.line, column: problem.column }) : t('ruleTest.line', { line: problem.line })) : null, ' ', problem.message),
        ),
      ),
    );
  }

  function alertsView(alerts: readonly Alert[]): HTMLElement {
    return h(
      'div',
      { class: 'panel', id: 'rule-test-alerts' },
      h('h2', {}, tCount('ruleTest.alerts', alerts.length)),
      alerts.length === 0
        ? h('p', { class: 'muted' }, t('ruleTest.noAlerts'))
        : h(
            'ol',
            { class: 'test-alerts' },
            alerts.map((alert) =>
              h(
                'li',
                { class: 'alert' },
                h('p', {}, severityBadge(alert.rule.level), ' ', tCount('ruleTest.alertLine', alert.alert.count, { rule: alert.rule.title })),
                h('pre', { class: 'event-json' }, JSON.stringify(alert, null, 2)),
              ),
            ),
          ),
    );
  }

  async function validate(): Promise<boolean> {
    const verdict = await context.api.validateRule(rule.value);
    if (verdict.valid) show(h('p', { class: 'notice notice-ok', id: 'rule-valid' }, t('ruleTest.valid')));
    else show(problemsView(t('ruleTest.invalid'), verdict.problems, 'rule-problems'));
    return verdict.valid;
  }

  async function run(action: 'validate' | 'test'): Promise<void> {
    if (!rule.value.trim()) {
      show(h('p', { class: 'notice notice-error', role: 'alert' }, t('ruleTest.noRule')));
      rule.focus();
      return;
    }
    try {
      if (!(await validate()) || action === 'validate') return;
      const parsed = parseEventLines(events.value);
      if (parsed.problems.length) {
        show(problemsView(t('ruleTest.badEvents'), parsed.problems, 'event-problems'));
        return;
      }
      if (parsed.events.length === 0) {
        show(h('p', { class: 'notice', id: 'rule-no-events' }, t('ruleTest.noEvents')));
        return;
      }
      show(alertsView(await context.api.testRule(rule.value, parsed.events)));
    } catch (error) {
      show(h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error)));
    }
  }

  const element = h(
    'section',
    { class: 'page page-rule-test', 'aria-labelledby': 'rule-test-title' },
    h('p', {}, h('a', { href: '#/rules', class: 'back-link' }, `← ${t('rules.back')}`)),
    h('header', { class: 'page-header' }, h('h1', { id: 'rule-test-title' }, t('ruleTest.title'))),
    h('p', {}, t('ruleTest.intro')),
    h(
      'form',
      {
        class: 'panel',
        on: {
          submit: (event) => {
            event.preventDefault();
            void run('test');
          },
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'rule-yaml' }, t('ruleTest.rule')), rule),
      h('div', { class: 'field' }, h('label', { for: 'rule-events' }, t('ruleTest.events')), events, h('span', { class: 'hint', id: 'rule-events-hint' }, t('ruleTest.eventsHint'))),
      h(
        'div',
        { class: 'form-actions button-row' },
        h('button', { type: 'button', class: 'button button-secondary', id: 'rule-validate', on: { click: () => void run('validate') } }, t('ruleTest.validate')),
        h('button', { type: 'submit', class: 'button', id: 'rule-run' }, t('ruleTest.run')),
      ),
    ),
    result,
  );
  return { title: t('ruleTest.title'), element };
}
