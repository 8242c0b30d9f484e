import { SqliteStoryStateStore } from './sqlite-story-state-store.js';
import type Database from 'better-sqlite3';
import type { Logger } from '../../../core/logging.js';
import type { ReportingStores } from '../../../core/ports/reporting-stores.js';
import type { Store } from '../../../core/ports/stores.js';
import type { TriageStores } from '../../../core/ports/triage-stores.js';
import type { WarningStores } from '../../../core/ports/warning-stores.js';
import { migrate } from './migrate.js';
import { openDatabase } from './open-database.js';
import { SqliteAlertStore } from './sqlite-alert-store.js';
import { SqliteAuditStore } from './sqlite-audit-store.js';
import { SqliteCommentStore } from './sqlite-comment-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { SqliteIncidentStore } from './sqlite-incident-store.js';
import { SqliteLeaseStore } from './sqlite-lease-store.js';
import { SqliteLogSourceStore } from './sqlite-log-source-store.js';
import { SqliteLoginAttemptStore } from './sqlite-login-attempt-store.js';
import { SqliteObligationStore } from './sqlite-obligation-store.js';
import { SqliteOrganisationStore } from './sqlite-organisation-store.js';
import { SqliteRefreshTokenStore } from './sqlite-refresh-token-store.js';
import { SqliteReportStore } from './sqlite-report-store.js';
import { SqliteSentNotificationStore } from './sqlite-sent-notification-store.js';
import { SqliteSuppressionStore } from './sqlite-suppression-store.js';
import { SqliteUserStore } from './sqlite-user-store.js';
import { SqliteWarningDeliveryStore } from './sqlite-warning-delivery-store.js';
import { SqliteWarningStore } from './sqlite-warning-store.js';

/**
 * The embedded store: one SQLite file (or `:memory:` in tests). The schema is migrated in the
 * constructor because the aggregate stores prepare their statements against it; `init()` only logs.
 */
export class SqliteStore implements Store, TriageStores, ReportingStores, WarningStores {
  readonly events: SqliteEventStore;
  readonly alerts: SqliteAlertStore;
  readonly incidents: SqliteIncidentStore;
  readonly stories: SqliteStoryStateStore;
  readonly organisations: SqliteOrganisationStore;
  readonly users: SqliteUserStore;
  readonly audit: SqliteAuditStore;
  readonly leases: SqliteLeaseStore;
  readonly suppressions: SqliteSuppressionStore;
  readonly comments: SqliteCommentStore;
  readonly refreshTokens: SqliteRefreshTokenStore;
  readonly loginAttempts: SqliteLoginAttemptStore;
  readonly logSources: SqliteLogSourceStore;
  readonly reports: SqliteReportStore;
  readonly obligations: SqliteObligationStore;
  readonly sentNotifications: SqliteSentNotificationStore;
  readonly warnings: SqliteWarningStore;
  readonly warningDeliveries: SqliteWarningDeliveryStore;
  private readonly db: Database.Database;
  private readonly applied: number[];

  constructor(private readonly options: { path: string; logger: Logger }) {
    this.db = openDatabase(options.path);
    this.applied = migrate(this.db);
    this.events = new SqliteEventStore(this.db);
    this.alerts = new SqliteAlertStore(this.db);
    this.incidents = new SqliteIncidentStore(this.db);
    this.stories = new SqliteStoryStateStore(this.db);
    this.organisations = new SqliteOrganisationStore(this.db);
    this.users = new SqliteUserStore(this.db);
    this.audit = new SqliteAuditStore(this.db);
    this.leases = new SqliteLeaseStore(this.db);
    this.suppressions = new SqliteSuppressionStore(this.db);
    this.comments = new SqliteCommentStore(this.db);
    this.refreshTokens = new SqliteRefreshTokenStore(this.db);
    this.loginAttempts = new SqliteLoginAttemptStore(this.db);
    this.logSources = new SqliteLogSourceStore(this.db);
    this.reports = new SqliteReportStore(this.db);
    this.obligations = new SqliteObligationStore(this.db);
    this.sentNotifications = new SqliteSentNotificationStore(this.db);
    this.warnings = new SqliteWarningStore(this.db);
    this.warningDeliveries = new SqliteWarningDeliveryStore(this.db);
  }

  async init(): Promise<void> {
    const version = this.db.pragma('user_version', { simple: true });
    this.options.logger.info({ path: this.options.path, schemaVersion: version, migrationsApplied: this.applied }, 'sqlite store ready');
  }

  async ping(): Promise<boolean> {
    try {
      this.db.prepare('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
