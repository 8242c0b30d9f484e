import { ALL } from '../../core/domain/scope.js';
import type { JobDeps } from './job-deps.js';

const PAGE_SIZE = 200;

/**
 * Deletes events older than the retention period (DOMAIN.md: log data is personal data), except the
 * events alerts reference: they prove an attack. Every alert is read, because an alert newer than the
 * cut-off may still point at older events. Returns how many events went.
 */
export async function applyRetention(deps: Pick<JobDeps, 'store' | 'clock' | 'logger' | 'retentionDays'>): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - deps.retentionDays * 86_400_000);
  const keep = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await deps.store.alerts.search({ limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) }, ALL);
    for (const alert of page.items) for (const id of alert.event_ids) keep.add(id);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  const deleted = await deps.store.events.deleteOlderThan(before, keep);
  deps.logger.info({ before: before.toISOString(), deleted, kept: keep.size }, 'retention applied');
  return deleted;
}
