import type { Clock } from '../../core/clock.js';
import type { AuditEntry, AuditInput } from '../../core/domain/audit.js';
import type { AuditStore } from '../../core/ports/stores.js';

/**
 * Every change goes through here so that all audit entries read alike: the actor is the username
 * (what an auditor recognises), `before`/`after` hold only what the change touched.
 */
export function auditChange(deps: { store: { audit: AuditStore }; clock: Clock }, actor: string, change: Omit<AuditInput, 'actor'>): Promise<AuditEntry> {
  return deps.store.audit.append({ ...change, actor }, deps.clock.now().toISOString());
}

/** The fields of `before` and `after` whose values differ, as two small objects for the audit trail. */
export function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const was: Partial<T> = {};
  const now: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      was[key] = before[key];
      now[key] = after[key];
    }
  }
  return { before: was, after: now };
}
