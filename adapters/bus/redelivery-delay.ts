const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 10_000;

/**
 * How long a consumer waits before handing a failed batch to its handler again. The wait doubles
 * so that a struggling dependency (store, broker) is not hammered, and is capped so that recovery
 * after an outage is noticed within seconds. `attempt` counts failed handlings, starting at 0.
 */
export function redeliveryDelay(attempt: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
}
