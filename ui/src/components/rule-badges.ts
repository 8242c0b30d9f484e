import type { RuleSummary } from '../api-types.js';
import { h } from '../h.js';
import { t } from '../i18n.js';
import type { MessageKey } from '../i18n/de.js';

/** Where a rule comes from: Lagebild's own or one of SigmaHQ's release packs; the title says what the pack holds. */
export function packBadge(rule: Pick<RuleSummary, 'pack'>): HTMLElement {
  return h('span', { class: `rule-pack rule-pack-${rule.pack.replace(/\+/g, 'p')}`, title: t(`rules.packAbout.${rule.pack}`) }, t(`rules.pack.${rule.pack}`));
}

const STANDARD_REASONS: Partial<Record<RuleSummary['defaultBasis'], MessageKey>> = {
  lagebild: 'rules.reason.lagebild',
  'not-received': 'rules.reason.notReceived',
  received: 'rules.reason.received',
};

/**
 * Why a rule is on or off by default, in the reader's language for the standard reasons; a tuning
 * file's own reason is shown as its author wrote it.
 */
export function defaultReasonText(rule: Pick<RuleSummary, 'pack' | 'defaultBasis' | 'defaultReason'>): string {
  const key = STANDARD_REASONS[rule.defaultBasis];
  if (key) return t(key);
  if (rule.defaultBasis === 'pack-off') return t('rules.reason.packOff', { pack: t(`rules.pack.${rule.pack}`) });
  return rule.defaultReason;
}

/** A rule's switch state, and a marker when someone changed it from the default; the title gives the default's reason. */
export function ruleStateLabel(rule: RuleSummary, id?: string): HTMLElement {
  const changed = rule.enabled !== rule.enabledByDefault;
  return h(
    'span',
    { class: 'rule-state-label', id, title: t(changed ? 'rules.changedTitle' : 'rules.stateTitle', { reason: defaultReasonText(rule) }) },
    h('span', { class: 'rule-state' }, rule.enabled ? t('rules.enabled') : t('rules.disabled')),
    changed ? [' ', h('span', { class: 'rule-changed' }, rule.enabledByDefault ? t('rules.defaultOn') : t('rules.defaultOff'))] : null,
  );
}

export function isSigmahqRule(rule: Pick<RuleSummary, 'pack'>): boolean {
  return rule.pack !== 'lagebild';
}
