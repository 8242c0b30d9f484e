import type Database from 'better-sqlite3';
import type { Scope } from '../../../core/domain/scope.js';
import type { DeliveryTally, WarningDelivery } from '../../../core/domain/warning.js';
import type { WarningDeliveryStore } from '../../../core/ports/warning-stores.js';
import { runSql } from './run-sql.js';

export class SqliteWarningDeliveryStore implements WarningDeliveryStore {
  private readonly insertMany;
  private readonly change;

  constructor(private readonly db: Database.Database) {
    const insert = db.prepare<[string, string, string]>('INSERT OR IGNORE INTO warning_deliveries (warning_id, organization_id, doc) VALUES (?, ?, ?)');
    const select = db.prepare<[string, string], { doc: string }>('SELECT doc FROM warning_deliveries WHERE warning_id = ? AND organization_id = ?');
    const update = db.prepare<[string, string, string]>('UPDATE warning_deliveries SET doc = ? WHERE warning_id = ? AND organization_id = ?');
    this.insertMany = db.transaction((deliveries: WarningDelivery[]) => {
      for (const delivery of deliveries) insert.run(delivery.warningId, delivery.organizationId, JSON.stringify(delivery));
    });
    // Read, decide and write in one transaction, so that "only the first time" holds under concurrent callers.
    this.change = db.transaction((warningId: string, organizationId: string, apply: (delivery: WarningDelivery) => WarningDelivery | undefined) => {
      const row = select.get(warningId, organizationId);
      if (row === undefined) return { delivery: undefined, changed: false };
      const current = JSON.parse(row.doc) as WarningDelivery;
      const next = apply(current);
      if (next === undefined) return { delivery: current, changed: false };
      update.run(JSON.stringify(next), warningId, organizationId);
      return { delivery: next, changed: true };
    });
  }

  putMany(deliveries: WarningDelivery[]): Promise<void> {
    return runSql(() => {
      this.insertMany(deliveries);
    });
  }

  list(warningId: string, scope: Scope): Promise<WarningDelivery[]> {
    return runSql(() => {
      const rows =
        scope.kind === 'all'
          ? this.db.prepare<[string], { doc: string }>('SELECT doc FROM warning_deliveries WHERE warning_id = ? ORDER BY organization_id').all(warningId)
          : this.db.prepare<[string, string], { doc: string }>('SELECT doc FROM warning_deliveries WHERE warning_id = ? AND organization_id = ?').all(warningId, scope.organizationId);
      return rows.map((row) => JSON.parse(row.doc) as WarningDelivery);
    });
  }

  tally(warningIds: readonly string[], scope: Scope): Promise<Map<string, DeliveryTally>> {
    return runSql(() => {
      const tallies = new Map<string, DeliveryTally>();
      if (warningIds.length === 0) return tallies;
      const ids = [...new Set(warningIds)];
      const own = scope.kind === 'all' ? '' : ' AND organization_id = ?';
      const rows = this.db
        .prepare<string[], { warning_id: string; addressed: number; read: number; acknowledged: number }>(
          `SELECT warning_id, count(*) AS addressed,
             sum(json_extract(doc, '$.readAt') IS NOT NULL) AS read,
             sum(json_extract(doc, '$.acknowledgedAt') IS NOT NULL) AS acknowledged
           FROM warning_deliveries WHERE warning_id IN (${ids.map(() => '?').join(', ')})${own} GROUP BY warning_id`,
        )
        .all(...ids, ...(scope.kind === 'all' ? [] : [scope.organizationId]));
      for (const row of rows) tallies.set(row.warning_id, { addressed: row.addressed, read: row.read, acknowledged: row.acknowledged });
      return tallies;
    });
  }

  recordMail(warningId: string, organizationId: string, mailedTo: string[], mailError: string | null): Promise<void> {
    return runSql(() => {
      this.change(warningId, organizationId, (delivery) => ({ ...delivery, mailedTo, mailError }));
    });
  }

  markRead(warningId: string, organizationId: string, userId: string, at: string): Promise<boolean> {
    return runSql(() => this.change(warningId, organizationId, (delivery) => (delivery.readAt === null ? { ...delivery, readAt: at, readBy: userId } : undefined)).changed);
  }

  acknowledge(warningId: string, organizationId: string, userId: string, at: string): Promise<WarningDelivery | undefined> {
    return runSql(
      () =>
        this.change(warningId, organizationId, (delivery) =>
          delivery.acknowledgedAt === null
            ? // Acknowledging implies having read it, even if the first read came through mail only.
              { ...delivery, acknowledgedAt: at, acknowledgedBy: userId, readAt: delivery.readAt ?? at, readBy: delivery.readBy ?? userId }
            : undefined,
        ).delivery,
    );
  }

  markEscalated(warningId: string, organizationId: string, at: string): Promise<boolean> {
    return runSql(() => this.change(warningId, organizationId, (delivery) => (delivery.escalatedAt === null ? { ...delivery, escalatedAt: at } : undefined)).changed);
  }
}
