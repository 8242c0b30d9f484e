import type { EcsEvent } from '../../core/domain/ecs.js';
import type { CompiledCorrelation } from './compiled-correlation.js';
import type { CorrelationValues, RuleFiring } from './correlation-engine.js';

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
  /** The group-by values, read where the event was (field mapping and aliases applied), in group-by order. */
  group: string[];
  /** value_* types: the value of `condition.field`. */
  value?: unknown;
  /** The trimmed event, the evidence an alert of the correlation carries. */
  event: EcsEvent;
}

/** A correlation input with the bus key that brings all inputs of one group to one consumer. */
export interface KeyedCorrelationInput {
  key: string;
  input: CorrelationInput;
}

const KEY_SEPARATOR = '\u001f';

/** The input of `correlation` for a firing whose values the correlation engine read (see CorrelationEngine.valuesOf). */
export function correlationInputOf(correlation: CompiledCorrelation, firing: RuleFiring, values: CorrelationValues, evidence: EcsEvent): KeyedCorrelationInput {
  const input: CorrelationInput = {
    correlationId: correlation.id,
    ruleId: firing.ruleId,
    time: firing.time,
    eventIds: firing.eventIds,
    organizationIds: firing.organizationIds,
    group: values.group,
    ...(values.value === undefined ? {} : { value: values.value }),
    event: evidence,
  };
  // Without group-by a correlation has one group; its id keeps that group on one partition.
  return { key: values.group.length > 0 ? values.group.join(KEY_SEPARATOR) : correlation.id, input };
}

/** The firing a correlation input stands for, with the evidence as its event. */
export function firingOfInput(input: CorrelationInput): RuleFiring {
  return { ruleId: input.ruleId, event: input.event, time: input.time, eventIds: input.eventIds, organizationIds: input.organizationIds };
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
    Array.isArray(input.group) &&
    input.group.every((part) => typeof part === 'string') &&
    input.event !== null &&
    typeof input.event === 'object'
  );
}
