import type { Alert } from './alert.js';
import { getField } from './ecs.js';

/** One exact match on an ECS field of the alert's events or of its `group` (`source.ip` = `203.0.113.7`). */
export interface SuppressionCondition {
  field: string;
  value: string;
}

/**
 * A noise-control rule an analyst or officer sets: alerts it matches make no incident. It always
 * expires, so that a forgotten suppression cannot hide an attack for good; deleting one expires it
 * at once and keeps it for the record.
 */
export interface Suppression {
  id: string;
  /** null: every organisation (only the CERT may set that). */
  organizationId: string | null;
  ruleId?: string;
  /** All must hold. Empty only when `ruleId` is set (then the whole rule is silenced). */
  conditions: SuppressionCondition[];
  reason: string;
  expiresAt: string;
  /** The username of whoever set it. */
  author: string;
  createdAt: string;
  /** The incident the suppression was made from, for the way back. */
  sourceIncidentId?: string;
}

export const MAX_REASON_LENGTH = 500;
export const MAX_CONDITIONS = 10;
export const MAX_SUPPRESSION_DAYS = 90;
export const DEFAULT_SUPPRESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SuppressionProblem {
  code: string;
  path: string;
  message: string;
}

/** What the author chooses; the rest (id, author, creation time) the workflow adds. */
export type SuppressionDraft = Pick<Suppression, 'organizationId' | 'ruleId' | 'conditions' | 'reason' | 'expiresAt' | 'sourceIncidentId'>;

/** Every problem of a draft at once, so that a form can show them together. */
export function suppressionProblems(draft: SuppressionDraft, now: Date): SuppressionProblem[] {
  const problems: SuppressionProblem[] = [];
  if (draft.conditions.length === 0 && draft.ruleId === undefined) {
    problems.push({ code: 'suppression_too_broad', path: 'conditions', message: 'name a rule or at least one field condition' });
  }
  if (draft.conditions.length > MAX_CONDITIONS) {
    problems.push({ code: 'suppression_too_many_conditions', path: 'conditions', message: `at most ${MAX_CONDITIONS} conditions` });
  }
  const fields = draft.conditions.map((condition) => condition.field);
  const repeated = fields.find((field, index) => fields.indexOf(field) !== index);
  // Two values for one field can never both match an exact comparison: the suppression would be dead.
  if (repeated !== undefined) problems.push({ code: 'suppression_condition_repeated', path: 'conditions', message: `field ${repeated} appears twice` });
  const reason = draft.reason.trim();
  if (reason.length === 0) problems.push({ code: 'suppression_reason_missing', path: 'reason', message: 'say why the alerts are noise' });
  if (reason.length > MAX_REASON_LENGTH) problems.push({ code: 'suppression_reason_too_long', path: 'reason', message: `at most ${MAX_REASON_LENGTH} characters` });
  const expires = Date.parse(draft.expiresAt);
  if (Number.isNaN(expires)) problems.push({ code: 'suppression_expiry_invalid', path: 'expiresAt', message: 'not an ISO 8601 time' });
  else if (expires <= now.getTime()) problems.push({ code: 'suppression_expiry_past', path: 'expiresAt', message: 'the expiry must lie in the future' });
  else if (expires > now.getTime() + MAX_SUPPRESSION_DAYS * DAY_MS) {
    problems.push({ code: 'suppression_expiry_too_far', path: 'expiresAt', message: `at most ${MAX_SUPPRESSION_DAYS} days ahead` });
  }
  return problems;
}

export function isSuppressionActive(suppression: Suppression, now: Date): boolean {
  return Date.parse(suppression.expiresAt) > now.getTime();
}

/**
 * Whether the suppression silences the alert. A condition holds when the alert's `group` or any of
 * its events has exactly that value in the field (an array field: any element); a campaign alert
 * (no single organisation) is silenced only by a suppression for every organisation.
 */
export function suppressionMatches(suppression: Suppression, alert: Alert, now: Date): boolean {
  if (!isSuppressionActive(suppression, now)) return false;
  if (suppression.organizationId !== null && alert.organization.id !== suppression.organizationId) return false;
  if (suppression.ruleId !== undefined && alert.rule.id !== suppression.ruleId) return false;
  const sources: unknown[] = [alert.group ?? {}, ...(alert.events ?? [])];
  return suppression.conditions.every((condition) => sources.some((source) => holds(getField(source, condition.field), condition.value)));
}

function holds(found: unknown, value: string): boolean {
  if (Array.isArray(found)) return found.some((item) => holds(item, value));
  return (typeof found === 'string' || typeof found === 'number' || typeof found === 'boolean') && String(found) === value;
}
