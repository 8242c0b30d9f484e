import type { Incident, IncidentRisk } from '../api-types.js';
import { h } from '../h.js';
import { isMessageKey, t } from '../i18n.js';
import { severityBadge } from './severity-badge.js';

/** The fourteen ATT&CK enterprise tactics in kill-chain order; the server's list is core/domain/attack-tactic.ts. */
export const KILL_CHAIN = [
  'reconnaissance',
  'resource-development',
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'defense-evasion',
  'credential-access',
  'discovery',
  'lateral-movement',
  'collection',
  'command-and-control',
  'exfiltration',
  'impact',
] as const;

/** A tactic's name in the UI language; an unknown name (a newer ATT&CK release) is shown as it is. */
export function tacticName(tactic: string): string {
  const key = `risk.tactic.${tactic}`;
  return isMessageKey(key) ? t(key) : tactic;
}

/**
 * "Why is this critical?": the story's risk score as a meter, its reasons as sentences, and the kill
 * chain with the stages the story reached marked. Answers an analyst's first question about an
 * incident without reading its alerts.
 */
export function storyRiskPanel(incident: Incident): HTMLElement | null {
  const risk = incident.risk;
  if (risk === undefined) return null;
  const covered = new Set(incident.tactics ?? []);
  return h(
    'section',
    { class: 'panel story-risk', 'aria-labelledby': 'risk-title', id: 'story-risk' },
    h('h2', { id: 'risk-title' }, t('risk.title')),
    h(
      'div',
      { class: 'risk-score' },
      h('span', { class: 'risk-score-value' }, t('risk.score', { score: risk.score })),
      h(
        'div',
        { class: 'risk-meter', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(risk.score), 'aria-label': t('risk.meterLabel') },
        meterFill(risk),
      ),
      severityBadge(risk.severity),
    ),
    incident.severity !== risk.severity ? h('p', { class: 'muted', id: 'risk-overridden' }, t('risk.overridden', { set: t(`severity.${incident.severity}`), story: t(`severity.${risk.severity}`) })) : null,
    h('h3', {}, t('risk.why', { severity: t(`severity.${risk.severity}`) })),
    h('ul', { class: 'risk-reasons', id: 'risk-reasons' }, risk.reasons.map((reason) => h('li', {}, reasonText(reason)))),
    h('h3', { id: 'kill-chain-title' }, t('risk.killChain')),
    h(
      'ol',
      { class: 'kill-chain', 'aria-labelledby': 'kill-chain-title' },
      KILL_CHAIN.map((tactic) =>
        h(
          'li',
          { class: covered.has(tactic) ? 'tactic covered' : 'tactic', 'data-tactic': tactic },
          tacticName(tactic),
          h('span', { class: 'visually-hidden' }, covered.has(tactic) ? ` (${t('risk.reached')})` : ''),
        ),
      ),
    ),
  );
}

/** The reason's parameters are codes too (a level, a tactic): they are translated before they go into the sentence. */
function reasonText(reason: IncidentRisk['reasons'][number]): string {
  const params: Record<string, string | number> = { ...reason.params };
  const level = `severity.${params.level}`;
  if (isMessageKey(level)) params.level = t(level);
  for (const name of ['last', 'tactic']) if (typeof params[name] === 'string') params[name] = tacticName(params[name]);
  const key = `risk.reason.${reason.code}`;
  return isMessageKey(key) ? t(key, params) : reason.code;
}

/** The bar's width is data, not style: set on the element, which the page's CSP allows where an inline style attribute is not. */
function meterFill(risk: IncidentRisk): HTMLElement {
  const fill = h('div', { class: `risk-meter-fill severity-${risk.severity}` });
  fill.style.width = `${risk.score}%`;
  return fill;
}
