import type Database from 'better-sqlite3';
import type { EcsEvent } from '../../../core/domain/ecs.js';
import type { Scope } from '../../../core/domain/scope.js';
import type { EventStore } from '../../../core/ports/stores.js';
import { isoTime } from '../iso-time.js';
import { runSql } from './run-sql.js';

interface DocRow {
  doc: string;
}

export class SqliteEventStore implements EventStore {
  private readonly insert;
  private readonly writeBatch;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare<[string, string | null, string, string]>('INSERT OR REPLACE INTO events (id, organization_id, timestamp, doc) VALUES (?, ?, ?, ?)');
    // One transaction per batch: per-row commits would cap ingest at a few hundred events per second.
    this.writeBatch = db.transaction((events: EcsEvent[], json: readonly string[] | undefined) => {
      for (let i = 0; i < events.length; i += 1) {
        const event = events[i]!;
        this.insert.run(event.event.id, event.organization?.id ?? null, isoTime(event['@timestamp']), json?.[i] ?? JSON.stringify(event));
      }
    });
  }

  putMany(events: EcsEvent[], json?: readonly string[]): Promise<void> {
    return runSql(() => {
      this.writeBatch(events, json);
    });
  }

  getMany(ids: string[], scope: Scope): Promise<EcsEvent[]> {
    return runSql(() => {
      const idList = JSON.stringify(ids);
      const rows =
        scope.kind === 'all'
          ? this.db.prepare<[string], DocRow>('SELECT doc FROM events WHERE id IN (SELECT value FROM json_each(?)) ORDER BY timestamp, id').all(idList)
          : this.db
              .prepare<[string, string], DocRow>('SELECT doc FROM events WHERE id IN (SELECT value FROM json_each(?)) AND organization_id = ? ORDER BY timestamp, id')
              .all(idList, scope.organizationId);
      return rows.map((row) => JSON.parse(row.doc) as EcsEvent);
    });
  }

  count(scope: Scope): Promise<number> {
    return runSql(() => {
      const row =
        scope.kind === 'all'
          ? this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()
          : this.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM events WHERE organization_id = ?').get(scope.organizationId);
      return row?.n ?? 0;
    });
  }

  deleteOlderThan(before: Date, keepIds: ReadonlySet<string> = new Set()): Promise<number> {
    return runSql(() =>
      this.db.transaction(() => {
        const cutoff = before.toISOString();
        if (keepIds.size === 0) return this.db.prepare('DELETE FROM events WHERE timestamp < ?').run(cutoff).changes;
        // A temporary table keeps the statement size independent of how many events alerts still need.
        this.db.exec('CREATE TEMP TABLE IF NOT EXISTS keep_events (id TEXT PRIMARY KEY); DELETE FROM temp.keep_events');
        const keep = this.db.prepare<[string]>('INSERT OR IGNORE INTO temp.keep_events (id) VALUES (?)');
        for (const id of keepIds) keep.run(id);
        const deleted = this.db.prepare('DELETE FROM events WHERE timestamp < ? AND id NOT IN (SELECT id FROM temp.keep_events)').run(cutoff).changes;
        this.db.exec('DELETE FROM temp.keep_events');
        return deleted;
      })(),
    );
  }
}
