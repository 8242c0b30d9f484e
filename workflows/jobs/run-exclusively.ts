import type { Clock } from '../../core/clock.js';
import type { LeaseStore } from '../../core/ports/stores.js';

/**
 * Runs `work` only if this holder gets the job's lease. The lease is shorter than the job's interval,
 * so each scheduled tick runs on one instance, and a crashed holder blocks no one for long.
 * Returns undefined when another instance holds the lease.
 */
export async function runExclusively<T>(deps: { leases: LeaseStore; clock: Clock }, job: { name: string; holderId: string; leaseMs: number }, work: () => Promise<T>): Promise<T | undefined> {
  const now = deps.clock.now();
  if (!(await deps.leases.acquire(`job:${job.name}`, job.holderId, now, new Date(now.getTime() + job.leaseMs)))) return undefined;
  return work();
}
