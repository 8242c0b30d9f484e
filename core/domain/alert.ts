import type { EcsEvent } from './ecs.js';

export type RuleType = 'sigma' | 'correlation' | 'ioc';
export type RuleLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

export interface AlertRule {
  id: string;
  title: string;
  level: RuleLevel;
  type: RuleType;
  author?: string;
}

/** One rule firing: the JSON shape `lagebild detect` prints and the `alerts` topic carries. */
export interface Alert {
  '@timestamp': string;
  alert: { id: string; count: number };
  rule: AlertRule;
  event_ids: string[];
  group?: Record<string, string>;
  organization: { id: string | null };
  tags: string[];
  /** The triggering events, trimmed, so that an incident keeps the evidence that proves it. */
  events?: EcsEvent[];
}

export const LEVEL_ORDER: readonly RuleLevel[] = ['informational', 'low', 'medium', 'high', 'critical'];
