import { EsStoryStateStore } from './es-story-state-store.js';
import { Client } from '@elastic/elasticsearch';
import type { Logger } from '../../../core/logging.js';
import type { ReportingStores } from '../../../core/ports/reporting-stores.js';
import type { Store } from '../../../core/ports/stores.js';
import type { TriageStores } from '../../../core/ports/triage-stores.js';
import type { WarningStores } from '../../../core/ports/warning-stores.js';
import { EsAlertStore } from './es-alert-store.js';
import { EsAuditStore } from './es-audit-store.js';
import { EsCommentStore } from './es-comment-store.js';
import { EsEventStore } from './es-event-store.js';
import { EsIncidentStore } from './es-incident-store.js';
import { EsLeaseStore } from './es-lease-store.js';
import { EsLoginAttemptStore } from './es-login-attempt-store.js';
import { EsLogSourceStore } from './es-log-source-store.js';
import { EsObligationStore } from './es-obligation-store.js';
import { EsOrganisationStore } from './es-organisation-store.js';
import { EsRefreshTokenStore } from './es-refresh-token-store.js';
import { EsReportStore } from './es-report-store.js';
import { EsSentNotificationStore } from './es-sent-notification-store.js';
import { EsSuppressionStore } from './es-suppression-store.js';
import { EsUserStore } from './es-user-store.js';
import { EsWarningDeliveryStore } from './es-warning-delivery-store.js';
import { EsWarningStore } from './es-warning-store.js';
import { indexDefinitions } from './index-definitions.js';
import { IndexNames } from './index-names.js';
import { esRequest, isAlreadyExists, translateError } from './translate-error.js';

/** Above the built-in templates (100), so that a prefix like `logs` cannot turn our indices into data streams. */
const TEMPLATE_PRIORITY = 200;

/**
 * The distributed store. Every aggregate store shares one client; the client retries connection
 * failures and 502/503/504 itself, the stores translate what remains into LagebildErrors.
 */
export class ElasticsearchStore implements Store, TriageStores, ReportingStores, WarningStores {
  readonly events: EsEventStore;
  readonly alerts: EsAlertStore;
  readonly incidents: EsIncidentStore;
  readonly stories: EsStoryStateStore;
  readonly organisations: EsOrganisationStore;
  readonly users: EsUserStore;
  readonly audit: EsAuditStore;
  readonly leases: EsLeaseStore;
  readonly suppressions: EsSuppressionStore;
  readonly comments: EsCommentStore;
  readonly refreshTokens: EsRefreshTokenStore;
  readonly loginAttempts: EsLoginAttemptStore;
  readonly logSources: EsLogSourceStore;
  readonly reports: EsReportStore;
  readonly obligations: EsObligationStore;
  readonly sentNotifications: EsSentNotificationStore;
  readonly warnings: EsWarningStore;
  readonly warningDeliveries: EsWarningDeliveryStore;
  private readonly client: Client;
  private readonly names: IndexNames;

  constructor(private readonly options: { url: string; indexPrefix: string; logger: Logger }) {
    this.client = new Client({ node: options.url, maxRetries: 3, requestTimeout: 30_000 });
    this.names = new IndexNames(options.indexPrefix);
    this.events = new EsEventStore(this.client, this.names, options.logger);
    this.alerts = new EsAlertStore(this.client, this.names, options.logger);
    this.incidents = new EsIncidentStore(this.client, this.names);
    this.stories = new EsStoryStateStore(this.client, this.names);
    this.organisations = new EsOrganisationStore(this.client, this.names);
    this.users = new EsUserStore(this.client, this.names);
    this.audit = new EsAuditStore(this.client, this.names);
    this.leases = new EsLeaseStore(this.client, this.names);
    this.suppressions = new EsSuppressionStore(this.client, this.names);
    this.comments = new EsCommentStore(this.client, this.names);
    this.refreshTokens = new EsRefreshTokenStore(this.client, this.names);
    this.loginAttempts = new EsLoginAttemptStore(this.client, this.names);
    this.logSources = new EsLogSourceStore(this.client, this.names);
    this.reports = new EsReportStore(this.client, this.names);
    this.obligations = new EsObligationStore(this.client, this.names);
    this.sentNotifications = new EsSentNotificationStore(this.client, this.names);
    this.warnings = new EsWarningStore(this.client, this.names);
    this.warningDeliveries = new EsWarningDeliveryStore(this.client, this.names);
  }

  /**
   * Templates first, so that the daily indices created by the first write get the mappings; then the
   * single indices. Existing indices get the current mappings added (new fields only: Elasticsearch
   * never changes the type of a mapped field, which a new template version must respect).
   */
  async init(): Promise<void> {
    const { templates, indices } = indexDefinitions(this.names);
    for (const template of templates) {
      await esRequest('elasticsearch store init', () =>
        this.client.indices.putIndexTemplate({
          name: template.name,
          index_patterns: template.patterns,
          priority: TEMPLATE_PRIORITY,
          template: { settings: template.settings, mappings: template.mappings },
        }),
      );
      await esRequest('elasticsearch store init', () =>
        this.client.indices.putMapping({ index: template.patterns, allow_no_indices: true, ignore_unavailable: true, ...template.mappings }),
      );
    }
    for (const index of indices) {
      const exists = await esRequest('elasticsearch store init', () => this.client.indices.exists({ index: index.name }));
      if (exists) {
        await esRequest('elasticsearch store init', () => this.client.indices.putMapping({ index: index.name, ...index.mappings }));
        continue;
      }
      try {
        await this.client.indices.create({ index: index.name, settings: index.settings, mappings: index.mappings });
      } catch (error) {
        // Another instance starting at the same moment may win the race; its index is as good as ours.
        if (!isAlreadyExists(error)) throw translateError(error, 'elasticsearch store init');
      }
    }
    this.options.logger.info({ url: this.options.url, indexPrefix: this.options.indexPrefix }, 'elasticsearch store ready');
  }

  /** Cluster health rather than `GET /`: minimal distributions leave out the module that serves the root. */
  async ping(): Promise<boolean> {
    try {
      // Readiness must answer fast: no client-side retries, which back off for seconds.
      const health = await this.client.cluster.health({ timeout: '2s' }, { maxRetries: 0, requestTimeout: 3000 });
      return health.status !== 'red';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
