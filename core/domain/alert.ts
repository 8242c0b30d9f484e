import type { EcsEvent } from './ecs.js';

export type RuleType = 'sigma' | 'correlation' | 'ioc';
export type RuleLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

export interface AlertRule {
  id: string;
  title: string;
  level: RuleLevel;
  type: RuleType;
  author?: string;
  /** Where the rule comes from (e.g. the SigmaHQ original), for attribution under the DRL. */
  reference?: string;
}

/** One rule firing: the JSON shape `lagebild detect` prints and the `alerts` topic carries. */
export interface Alert {
  '@timestamp': string;
  alert: { id: string; count: number };
  rule: AlertRule;
  event_ids: string[];
  group?: Record<string, string>;
  /** `id` is null when the events span several organisations; `ids` then lists them (campaigns). */
  organization: { id: string | null; ids?: string[] };
  tags: string[];
  /** The triggering events, trimmed, so that an incident keeps the evidence that proves it. */
  events?: EcsEvent[];
}

export const LEVEL_ORDER: readonly RuleLevel[] = ['informational', 'low', 'medium', 'high', 'critical'];

/** The least an alert on the bus must have for the incident builder to fold it. */
export function isAlert(value: unknown): value is Alert {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Partial<Alert>;
  return typeof record.alert?.id === 'string' && typeof record.rule?.id === 'string' && Array.isArray(record.event_ids) && typeof record['@timestamp'] === 'string';
}
