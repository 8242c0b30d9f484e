import { getField, setField, type EcsEvent } from '../../core/domain/ecs.js';
import { groupFieldOf, type CompiledCorrelation } from './compiled-correlation.js';
import type { RuleFiring } from './correlation-engine.js';

/**
 * One firing as a correlation in another stage needs it: what it counts and how it groups, not the
 * whole event. Sent through the re-keying topic, so it is plain JSON.
 */
export interface CorrelationInput {
  correlationId: string;
  ruleId: string;
  /** Event time in epoch ms. */
  time: number;
  eventIds: string[];
  organizationIds: string[];
  /** The event's values at the fields the correlation reads: group-by fields (after aliases) and the counted field. */
  fields: Record<string, unknown>;
  /** The trimmed event, the evidence an alert of the correlation carries. */
  event: EcsEvent;
}

/** A correlation input with the bus key that brings all inputs of one group to one consumer. */
export interface KeyedCorrelationInput {
  key: string;
  input: CorrelationInput;
}

const KEY_SEPARATOR = '\u001f';

/**
 * The input of `correlation` for a firing, keyed by its group-by values; undefined when the event
 * lacks a group-by value (the correlation would not count it either).
 */
export function correlationInputOf(correlation: CompiledCorrelation, firing: RuleFiring, evidence: EcsEvent): KeyedCorrelationInput | undefined {
  const fields: Record<string, unknown> = {};
  const values: string[] = [];
  for (const name of correlation.groupBy) {
    const field = groupFieldOf(correlation, name, firing.ruleId);
    const value = getField(firing.event, field);
    if (value === undefined || value === null || value === '') return undefined;
    fields[field] = value;
    values.push(Array.isArray(value) ? value.join(',') : String(value));
  }
  if (correlation.valueField) {
    const value = getField(firing.event, correlation.valueField);
    if (value !== undefined) fields[correlation.valueField] = value;
  }
  const input: CorrelationInput = {
    correlationId: correlation.id,
    ruleId: firing.ruleId,
    time: firing.time,
    eventIds: firing.eventIds,
    organizationIds: firing.organizationIds,
    fields,
    event: evidence,
  };
  // Without group-by a correlation has one group; its id keeps that group on one partition.
  return { key: values.length > 0 ? values.join(KEY_SEPARATOR) : correlation.id, input };
}

/** The firing a correlation input stands for: the evidence with the values the correlation reads put back. */
export function firingOfInput(input: CorrelationInput): RuleFiring {
  const event = structuredClone(input.event);
  for (const [field, value] of Object.entries(input.fields)) setField(event as Record<string, unknown>, field, value);
  return { ruleId: input.ruleId, event, time: input.time, eventIds: input.eventIds, organizationIds: input.organizationIds };
}

/** Whether a decoded message has the shape of a correlation input (the topic is internal, but a bad producer must not stop the stage). */
export function isCorrelationInput(value: unknown): value is CorrelationInput {
  if (value === null || typeof value !== 'object') return false;
  const input = value as Partial<CorrelationInput>;
  return (
    typeof input.correlationId === 'string' &&
    typeof input.ruleId === 'string' &&
    typeof input.time === 'number' &&
    Array.isArray(input.eventIds) &&
    Array.isArray(input.organizationIds) &&
    input.fields !== null &&
    typeof input.fields === 'object' &&
    input.event !== null &&
    typeof input.event === 'object'
  );
}
