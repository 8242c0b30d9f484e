import type Database from 'better-sqlite3';

/**
 * The schema, as an append-only list: a released migration is never edited, a change is a new entry.
 * Documents are kept whole as JSON; the columns beside them exist only to be filtered, sorted or joined on.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    organization_id TEXT,
    timestamp TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX events_by_time ON events (timestamp);
  CREATE INDEX events_by_organisation ON events (organization_id, timestamp);

  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    organization_id TEXT,
    rule_id TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX alerts_by_time ON alerts (timestamp, id);
  CREATE INDEX alerts_by_organisation ON alerts (organization_id, timestamp);
  CREATE INDEX alerts_by_rule ON alerts (rule_id, timestamp);

  CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    rule_id TEXT NOT NULL,
    status TEXT NOT NULL,
    severity_rank INTEGER NOT NULL,
    title TEXT NOT NULL,
    rule_title TEXT NOT NULL,
    entity TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX incidents_by_last_seen ON incidents (last_seen, id);
  CREATE INDEX incidents_by_first_seen ON incidents (first_seen, id);
  CREATE INDEX incidents_by_created_at ON incidents (created_at, id);
  CREATE INDEX incidents_by_severity ON incidents (severity_rank, id);
  CREATE INDEX incidents_by_rule ON incidents (rule_id);
  CREATE INDEX incidents_by_status ON incidents (status);

  CREATE TABLE incident_organisations (
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    organization_id TEXT NOT NULL,
    PRIMARY KEY (incident_id, organization_id)
  ) WITHOUT ROWID;
  CREATE INDEX incident_organisations_by_organisation ON incident_organisations (organization_id, incident_id);

  -- The primary key is what makes recording an alert idempotent; the rowid keeps arrival order.
  CREATE TABLE incident_alerts (
    incident_id TEXT NOT NULL,
    alert_id TEXT NOT NULL,
    PRIMARY KEY (incident_id, alert_id)
  );

  CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    parent_id TEXT,
    doc TEXT NOT NULL
  );

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    organization_id TEXT,
    doc TEXT NOT NULL
  );

  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    object_id TEXT NOT NULL,
    hash TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX audit_by_object ON audit (object_id, seq);

  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until_ms INTEGER NOT NULL
  );
  `,
  // Mandatory reporting: versions are insert-only, and the triggers make the database itself refuse to change them.
  `
  CREATE TABLE report_obligations (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    incident_id TEXT,
    open INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    revision INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX report_obligations_by_time ON report_obligations (created_at, id);
  CREATE INDEX report_obligations_by_organisation ON report_obligations (organization_id, created_at);

  CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    obligation_id TEXT NOT NULL,
    phase TEXT NOT NULL,
    current_version INTEGER NOT NULL,
    acknowledged INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    revision INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX reports_by_time ON reports (created_at, id);
  CREATE INDEX reports_by_organisation ON reports (organization_id, created_at);
  CREATE INDEX reports_by_obligation ON reports (obligation_id);

  CREATE TABLE report_versions (
    report_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    organization_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (report_id, version)
  );
  CREATE TRIGGER report_versions_immutable BEFORE UPDATE ON report_versions
  BEGIN SELECT RAISE(ABORT, 'report versions are immutable'); END;
  CREATE TRIGGER report_versions_undeletable BEFORE DELETE ON report_versions
  BEGIN SELECT RAISE(ABORT, 'report versions are immutable'); END;

  CREATE TABLE sent_notifications (
    key TEXT PRIMARY KEY,
    claimed_at_ms INTEGER NOT NULL,
    sent_at TEXT
  );
  `,
  // Warnings (issue 8): the join tables carry the audience and the named recipients, so that the scope is applied in the query.
  `
  CREATE TABLE warnings (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    tlp TEXT NOT NULL,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX warnings_by_time ON warnings (created_at, id);

  CREATE TABLE warning_organisations (
    warning_id TEXT NOT NULL REFERENCES warnings (id),
    organization_id TEXT NOT NULL,
    PRIMARY KEY (warning_id, organization_id)
  ) WITHOUT ROWID;
  CREATE INDEX warning_organisations_by_organisation ON warning_organisations (organization_id, warning_id);

  CREATE TABLE warning_named_users (
    warning_id TEXT NOT NULL REFERENCES warnings (id),
    user_id TEXT NOT NULL,
    PRIMARY KEY (warning_id, user_id)
  ) WITHOUT ROWID;

  CREATE TABLE warning_deliveries (
    warning_id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (warning_id, organization_id)
  ) WITHOUT ROWID;

  CREATE TABLE warning_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
  );
  `,
  // Triage and authentication (issue 6): comments, refresh tokens (hashes only) and log sources with ingest token hashes.
  `
  CREATE TABLE incident_comments (
    id TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL,
    organization_ids TEXT NOT NULL,
    created_at TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX incident_comments_by_incident ON incident_comments (incident_id, created_at);

  CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY,
    family_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    rotated_at TEXT,
    revoked_at TEXT
  );
  CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
  CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);

  CREATE TABLE log_sources (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX log_sources_by_organisation ON log_sources (organization_id, created_at);
  `,
  // Issue 14: usernames unique regardless of case (they are ASCII, which NOCASE folds), and the login
  // throttle's counters, shared by every API process on this file. A database holding two usernames
  // that differ only in case stops here until one of them is renamed.
  `
  CREATE UNIQUE INDEX users_by_username_nocase ON users (username COLLATE NOCASE);

  CREATE TABLE login_attempts (
    key TEXT NOT NULL,
    attempt_id TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    PRIMARY KEY (key, attempt_id)
  ) WITHOUT ROWID;
  CREATE INDEX login_attempts_by_time ON login_attempts (at_ms);

  CREATE TABLE login_locks (
    key TEXT PRIMARY KEY,
    until_ms INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // Issue 17: incidents grouped by the story. The recorder's decision state per organisation, the
  // entities each incident names (for "related incidents" and the entity view), and the campaign a
  // child belongs to (the CERT's queue leaves children out).
  `
  CREATE TABLE incident_stories (
    key TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    state TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE incident_entities (
    entity TEXT NOT NULL,
    incident_id TEXT NOT NULL,
    PRIMARY KEY (entity, incident_id)
  ) WITHOUT ROWID;
  CREATE INDEX incident_entities_by_incident ON incident_entities (incident_id);

  ALTER TABLE incidents ADD COLUMN campaign_id TEXT GENERATED ALWAYS AS (json_extract(doc, '$.campaignId')) VIRTUAL;
  CREATE INDEX incidents_by_campaign ON incidents (campaign_id);
  `,
  // Issue 17: suppressions. organization_id is NULL for one that holds for every organisation.
  `
  CREATE TABLE suppressions (
    id TEXT PRIMARY KEY,
    organization_id TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX suppressions_by_organisation ON suppressions (organization_id, created_at);
  CREATE INDEX suppressions_by_expiry ON suppressions (expires_at);
  `,
];

/** Applies the migrations the database has not seen yet, each in its own transaction. */
export function migrate(db: Database.Database): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const current = db.prepare<[], { version: number | null }>('SELECT max(version) AS version FROM schema_migrations').get()?.version ?? 0;
  const applied: number[] = [];
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
      // user_version mirrors the table so that `sqlite3 file 'PRAGMA user_version'` tells an operator the schema.
      db.pragma(`user_version = ${version}`);
    })();
    applied.push(version);
  });
  return applied;
}
