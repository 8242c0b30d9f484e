import type Database from 'better-sqlite3';
import { LEVEL_ORDER } from '../../../core/domain/alert.js';
import type { Incident } from '../../../core/domain/incident.js';
import type { Scope } from '../../../core/domain/scope.js';
import { ConflictError, NotFoundError } from '../../../core/errors.js';
import type { IncidentAlertUpdate, IncidentHead, IncidentPatch, IncidentQuery, IncidentStats, IncidentStatsQuery, IncidentStore, Page } from '../../../core/ports/stores.js';
import { assembleIncidentStats } from '../assemble-incident-stats.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { absorbDocument, campaignDocument, foldAlert, type IncidentDocument } from '../fold-alert.js';
import { isoTime } from '../iso-time.js';
import { runSql } from './run-sql.js';

interface IncidentRow {
  id: string;
  sort_value: string | number;
  doc: string;
}

type SqlValue = string | number;

const SORT_COLUMNS = { lastSeen: 'last_seen', firstSeen: 'first_seen', severity: 'severity_rank', createdAt: 'created_at' } as const;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
/** The top rules a dashboard shows. */
const MAX_STATS_RULES = 50;
/** Merges chain (A into B, later B into C); the bound only guards against a cycle an operator made by hand. */
const MAX_MERGE_HOPS = 10;
/** The UTC hour or day a `first_seen` falls in, as the ISO start of that bucket (the column holds UTC ISO strings). */
const BUCKET_OF = { hour: "substr(first_seen, 1, 13) || ':00:00.000Z'", day: "substr(first_seen, 1, 10) || 'T00:00:00.000Z'" } as const;
/** Officers see an incident when any of its organisations is theirs. */
const IN_ORGANISATION = 'EXISTS (SELECT 1 FROM incident_organisations io WHERE io.incident_id = incidents.id AND io.organization_id = ?)';
/** Officers change an incident only when no other organisation shares it (core/domain/scope.ts `canChange`). */
const ONLY_ORGANISATION = 'NOT EXISTS (SELECT 1 FROM incident_organisations io WHERE io.incident_id = incidents.id AND io.organization_id <> ?)';

export class SqliteIncidentStore implements IncidentStore {
  private readonly record;
  private readonly recordBatch;
  private readonly applyPatch;
  private readonly absorbInto;
  private readonly linkChild;

  constructor(private readonly db: Database.Database) {
    const link = db.prepare<[string, string]>('INSERT OR IGNORE INTO incident_alerts (incident_id, alert_id) VALUES (?, ?)');
    const linkOrganisation = db.prepare<[string, string]>('INSERT OR IGNORE INTO incident_organisations (incident_id, organization_id) VALUES (?, ?)');
    const select = db.prepare<[string], { doc: string }>('SELECT doc FROM incidents WHERE id = ?');
    const upsert = db.prepare<[string, string, string, number, string, string, string, string, string, string, number, string]>(
      `INSERT INTO incidents (id, rule_id, status, severity_rank, title, rule_title, entity, first_seen, last_seen, created_at, version, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, severity_rank = excluded.severity_rank, title = excluded.title,
         first_seen = excluded.first_seen, last_seen = excluded.last_seen, version = excluded.version, doc = excluded.doc`,
    );
    const linkEntity = db.prepare<[string, string]>('INSERT OR IGNORE INTO incident_entities (entity, incident_id) VALUES (?, ?)');
    const write = (incident: IncidentDocument) => {
      for (const entity of incident.entities ?? []) linkEntity.run(entity, incident.id);
      upsert.run(
        incident.id,
        incident.ruleId,
        incident.status,
        LEVEL_ORDER.indexOf(incident.severity),
        incident.title,
        incident.ruleTitle,
        incident.entity,
        incident.firstSeen,
        incident.lastSeen,
        incident.createdAt,
        incident.version,
        JSON.stringify(incident),
      );
    };

    // Link first: the primary key of incident_alerts decides, inside the transaction, whether an alert is new.
    const recordInto = (incidentId: string, updates: IncidentAlertUpdate[]) => {
      const row = select.get(incidentId);
      let incident = row === undefined ? undefined : (JSON.parse(row.doc) as IncidentDocument);
      let changed = false;
      for (const update of updates) {
        if (link.run(incidentId, update.alertId).changes === 0) continue;
        incident = foldAlert(incident, { ...update, incidentId });
        changed = true;
      }
      if (!changed || incident === undefined) return;
      write(incident);
      for (const organizationId of incident.organizationIds) linkOrganisation.run(incident.id, organizationId);
    };
    this.record = db.transaction((update: IncidentAlertUpdate) => recordInto(update.incidentId, [update]));
    const mergedInto = db.prepare<[string], { target: string | null }>("SELECT json_extract(doc, '$.mergedInto') AS target FROM incidents WHERE id = ?");
    const mergeTarget = (incidentId: string): string => {
      let id = incidentId;
      for (let hops = 0; hops < MAX_MERGE_HOPS; hops += 1) {
        const target = mergedInto.get(id)?.target;
        if (typeof target !== 'string') return id;
        id = target;
      }
      return id;
    };
    this.recordBatch = db.transaction((updates: IncidentAlertUpdate[]) => {
      const targets = new Map<string, string>();
      const byIncident = new Map<string, IncidentAlertUpdate[]>();
      for (const update of updates) {
        let target = targets.get(update.incidentId);
        if (target === undefined) {
          target = mergeTarget(update.incidentId);
          targets.set(update.incidentId, target);
        }
        const group = byIncident.get(target);
        if (group === undefined) byIncident.set(target, [update]);
        else group.push(update);
      }
      for (const [incidentId, group] of byIncident) recordInto(incidentId, group);
    });

    const documentOf = (id: string): IncidentDocument | undefined => {
      const row = select.get(id);
      return row === undefined ? undefined : (JSON.parse(row.doc) as IncidentDocument);
    };
    const alertsOf = db.prepare<[string], { alert_id: string }>('SELECT alert_id FROM incident_alerts WHERE incident_id = ? ORDER BY rowid');
    const countAlerts = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM incident_alerts WHERE incident_id = ?');
    /** Links the source's alerts to the target and writes the target with its true alert count. */
    const takeIn = (target: IncidentDocument, source: IncidentDocument) => {
      for (const { alert_id: alertId } of alertsOf.all(source.id)) link.run(target.id, alertId);
      const next = { ...target, alertCount: countAlerts.get(target.id)?.n ?? target.alertCount };
      write(next);
      for (const organizationId of next.organizationIds) linkOrganisation.run(next.id, organizationId);
    };
    // The source is closed in the same transaction that folds it, so no alert can land on it in between.
    this.absorbInto = db.transaction((sourceId: string, targetId: string, now: string): boolean => {
      const source = documentOf(sourceId);
      const target = documentOf(targetId);
      if (source === undefined || target === undefined || source.mergedInto || target.mergedInto || sourceId === targetId) return false;
      takeIn(absorbDocument(target, source, now), source);
      write({ ...source, status: 'closed', mergedInto: targetId, updatedAt: now, version: source.version + 1 });
      return true;
    });
    this.linkChild = db.transaction((campaignId: string, childId: string, title: string, now: string): boolean => {
      const child = documentOf(childId);
      if (child === undefined || child.campaignId || child.childIds !== undefined) return false;
      const campaign = documentOf(campaignId);
      const base = campaign === undefined ? campaignDocument(campaignId, child, title, now) : { ...absorbDocument(campaign, child, now), organizationIds: [] };
      takeIn({ ...base, childIds: [...(campaign?.childIds ?? []), childId] }, child);
      write({ ...child, campaignId, updatedAt: now, version: child.version + 1 });
      return true;
    });

    this.applyPatch = db.transaction((id: string, expectedVersion: number, patch: IncidentPatch, scope: Scope, now: string): IncidentDocument => {
      const [where, params] = scope.kind === 'all' ? [['incidents.id = ?'], [id]] : [['incidents.id = ?', ONLY_ORGANISATION], [id, scope.organizationId]];
      const current = this.selectDocuments(where, params, scope)[0];
      if (current === undefined) throw new NotFoundError(`incident ${id}`);
      if (current.version !== expectedVersion) throw new ConflictError(`incident ${id} is at version ${current.version}, not ${expectedVersion}`);
      const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as IncidentPatch;
      const next: IncidentDocument = { ...current, ...changes, updatedAt: now, version: current.version + 1 };
      write(next);
      return next;
    });
  }

  recordAlert(update: IncidentAlertUpdate): Promise<void> {
    return runSql(() => {
      this.record(update);
    });
  }

  recordAlerts(updates: IncidentAlertUpdate[]): Promise<void> {
    return runSql(() => {
      this.recordBatch(updates);
    });
  }

  heads(ids: string[]): Promise<Map<string, IncidentHead>> {
    return runSql(() => {
      const rows = this.db
        .prepare<[string], { id: string; status: IncidentHead['status']; merged_into: string | null; campaign_id: string | null }>(
          "SELECT id, status, json_extract(doc, '$.mergedInto') AS merged_into, campaign_id FROM incidents WHERE id IN (SELECT value FROM json_each(?))",
        )
        .all(JSON.stringify(ids));
      return new Map(rows.map((row) => [row.id, { status: row.status, mergedInto: row.merged_into ?? null, campaignId: row.campaign_id ?? null }]));
    });
  }

  absorb(sourceId: string, targetId: string, now: string): Promise<boolean> {
    return runSql(() => this.absorbInto(sourceId, targetId, now));
  }

  linkCampaign(campaignId: string, childId: string, title: string, now: string): Promise<boolean> {
    return runSql(() => this.linkChild(campaignId, childId, title, now));
  }

  get(id: string, scope: Scope): Promise<Incident | undefined> {
    return runSql(() => this.withAlertIds(this.selectDocuments(['incidents.id = ?'], [id], scope))[0]);
  }

  list(query: IncidentQuery, scope: Scope): Promise<Page<Incident>> {
    return runSql(() => {
      const sort = query.sort ?? 'lastSeen';
      const column = SORT_COLUMNS[sort];
      const descending = (query.order ?? 'desc') === 'desc';
      const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
      const { where, params } = filters(query, scope);
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const total = this.db.prepare<SqlValue[], { n: number }>(`SELECT count(*) AS n FROM incidents ${filter}`).get(...params)?.n ?? 0;

      if (query.cursor !== undefined) {
        const cursor = decodeCursor(query.cursor, sort);
        const after = descending ? '<' : '>';
        where.push(`(${column} ${after} ? OR (${column} = ? AND id ${after} ?))`);
        params.push(cursor.value, cursor.value, cursor.id);
      }
      const direction = descending ? 'DESC' : 'ASC';
      const pageFilter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const rows = this.db
        .prepare<SqlValue[], IncidentRow>(`SELECT id, ${column} AS sort_value, doc FROM incidents ${pageFilter} ORDER BY ${column} ${direction}, id ${direction} LIMIT ?`)
        .all(...params, limit + 1);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const nextCursor = rows.length > limit && last ? encodeCursor({ sort, value: last.sort_value, id: last.id }) : undefined;
      const items = this.withAlertIds(page.map((row) => JSON.parse(row.doc) as IncidentDocument));
      return { items, total, ...(nextCursor === undefined ? {} : { nextCursor }) };
    });
  }

  async update(id: string, expectedVersion: number, patch: IncidentPatch, scope: Scope, now: string): Promise<Incident> {
    return runSql(() => this.withAlertIds([this.applyPatch(id, expectedVersion, patch, scope, now)])[0]!);
  }

  stats(query: IncidentStatsQuery, scope: Scope): Promise<IncidentStats> {
    return runSql(() => {
      const where = ['first_seen >= ?', 'first_seen <= ?'];
      const params: SqlValue[] = [isoTime(query.from), isoTime(query.to)];
      if (scope.kind === 'organisation') {
        where.push(IN_ORGANISATION);
        params.push(scope.organizationId);
      }
      const filter = `WHERE ${where.join(' AND ')}`;
      const all = <Row>(sql: string, extra: SqlValue[] = []) => this.db.prepare<SqlValue[], Row>(sql).all(...params, ...extra);
      const overTime = all<{ at: string; severity_rank: number; count: number }>(
        `SELECT ${BUCKET_OF[query.bucket]} AS at, severity_rank, count(*) AS count FROM incidents ${filter} GROUP BY at, severity_rank`,
      );
      // A campaign counts for each of its organisations, but a scoped caller only learns about their own.
      const byOrganisation = all<{ organizationId: string; count: number }>(
        `SELECT io.organization_id AS organizationId, count(*) AS count FROM incidents JOIN incident_organisations io ON io.incident_id = incidents.id
         ${filter}${scope.kind === 'organisation' ? ' AND io.organization_id = ?' : ''} GROUP BY io.organization_id`,
        scope.kind === 'organisation' ? [scope.organizationId] : [],
      );
      const byRule = all<{ ruleId: string; ruleTitle: string; count: number }>(
        `SELECT rule_id AS ruleId, max(rule_title) AS ruleTitle, count(*) AS count FROM incidents ${filter} GROUP BY rule_id ORDER BY count DESC, rule_id LIMIT ?`,
        [MAX_STATS_RULES],
      );
      const byStatus = all<{ status: string; count: number }>(`SELECT status, count(*) AS count FROM incidents ${filter} GROUP BY status`);
      return assembleIncidentStats(query, {
        overTime: overTime.map((row) => ({ at: row.at, severity: LEVEL_ORDER[row.severity_rank] ?? '', count: row.count })),
        byOrganisation,
        byRule,
        byStatus,
      });
    });
  }

  private selectDocuments(where: string[], params: SqlValue[], scope: Scope): IncidentDocument[] {
    const scoped = scope.kind === 'all' ? where : [...where, IN_ORGANISATION];
    const scopedParams = scope.kind === 'all' ? params : [...params, scope.organizationId];
    return this.db
      .prepare<SqlValue[], { doc: string }>(`SELECT doc FROM incidents WHERE ${scoped.join(' AND ')}`)
      .all(...scopedParams)
      .map((row) => JSON.parse(row.doc) as IncidentDocument);
  }

  private withAlertIds(documents: IncidentDocument[]): Incident[] {
    if (documents.length === 0) return [];
    const rows = this.db
      .prepare<[string], { incident_id: string; alert_id: string }>(
        'SELECT incident_id, alert_id FROM incident_alerts WHERE incident_id IN (SELECT value FROM json_each(?)) ORDER BY rowid',
      )
      .all(JSON.stringify(documents.map((document) => document.id)));
    const byIncident = new Map<string, string[]>();
    for (const row of rows) {
      const ids = byIncident.get(row.incident_id) ?? [];
      ids.push(row.alert_id);
      byIncident.set(row.incident_id, ids);
    }
    return documents.map((document) => ({ ...document, alertIds: byIncident.get(document.id) ?? [] }));
  }
}

function filters(query: IncidentQuery, scope: Scope): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (scope.kind === 'organisation') {
    where.push(IN_ORGANISATION);
    params.push(scope.organizationId);
  }
  if (query.organizationId !== undefined) {
    where.push(IN_ORGANISATION);
    params.push(query.organizationId);
  }
  if (query.status !== undefined && query.status.length > 0) {
    where.push('status IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(query.status));
  }
  if (query.severity !== undefined && query.severity.length > 0) {
    where.push('severity_rank IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(query.severity.map((severity) => LEVEL_ORDER.indexOf(severity))));
  }
  if (query.ruleId !== undefined) {
    where.push('rule_id = ?');
    params.push(query.ruleId);
  }
  // from/to select the incidents active in the window: seen last after `from`, seen first before `to`.
  if (query.from !== undefined) {
    where.push('last_seen >= ?');
    params.push(isoTime(query.from));
  }
  if (query.to !== undefined) {
    where.push('first_seen <= ?');
    params.push(isoTime(query.to));
  }
  if (query.mergedInto !== undefined) {
    where.push("json_extract(doc, '$.mergedInto') = ?");
    params.push(query.mergedInto);
  }
  if (query.entity !== undefined) {
    where.push('incidents.id IN (SELECT incident_id FROM incident_entities WHERE entity = ?)');
    params.push(query.entity);
  }
  if (query.campaignId !== undefined) {
    where.push('campaign_id = ?');
    params.push(query.campaignId);
  }
  if (query.topLevel === true) where.push('campaign_id IS NULL');
  if (query.text !== undefined && query.text.trim() !== '') {
    const pattern = `%${query.text.trim().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    where.push("(title LIKE ? ESCAPE '\\' OR rule_title LIKE ? ESCAPE '\\' OR entity LIKE ? ESCAPE '\\' OR rule_id LIKE ? ESCAPE '\\')");
    params.push(pattern, pattern, pattern, pattern);
  }
  return { where, params };
}
