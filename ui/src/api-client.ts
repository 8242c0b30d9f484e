import type {
  Alert,
  AudienceOptions,
  AudiencePreview,
  BulkResult,
  EntityView,
  Incident,
  IncidentChange,
  IncidentComment,
  IncidentDetail,
  IncidentFilter,
  IncidentPage,
  LogSource,
  Me,
  Organisation,
  OrganisationInput,
  OrganisationSummary,
  RelatedIncident,
  Report,
  ReportContent,
  ReportDetail,
  ReportObligation,
  ReportObligationPage,
  ReportPage,
  ReportPhase,
  ReportTier,
  ReportVersion,
  RuleDetail,
  RuleFilter,
  RulePage,
  RuleProblem,
  RuleSummary,
  Suppression,
  SuppressionInput,
  Tlp,
  User,
  UserInput,
  Warning,
  WarningDelivery,
  WarningDetail,
  WarningAudience,
  WarningInput,
  WarningPage,
} from './api-types.js';

const BASE = '/api/v1';

/** An RFC 9457 problem from the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly problem: Record<string, unknown> = {},
  ) {
    super(detail || title);
  }
}

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Login and refresh must not trigger a refresh themselves. */
  authenticated?: boolean;
}

/**
 * Every call to the API goes through here, so field names and paths are fixed in one place. The
 * access token lives only in memory; the refresh token is an httpOnly cookie the script never sees.
 * A 401 triggers one refresh (shared by all requests in flight: a refresh token used twice revokes
 * the session), then the request is retried once; if that fails, `onSessionEnded` shows the login.
 */
export class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;

  constructor(private readonly onSessionEnded: () => void) {}

  get signedIn(): boolean {
    return this.accessToken !== null;
  }

  async login(username: string, password: string): Promise<void> {
    const result = await this.request<{ accessToken: string }>('POST', '/auth/login', { body: { username, password }, authenticated: false });
    this.accessToken = result.accessToken;
  }

  /** Uses the refresh cookie, if any, to get an access token without asking for the password. */
  restoreSession(): Promise<boolean> {
    this.refreshing ??= this.request<{ accessToken: string }>('POST', '/auth/refresh', { authenticated: false })
      .then((result) => {
        this.accessToken = result.accessToken;
        return true;
      })
      .catch(() => {
        this.accessToken = null;
        return false;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  async logout(): Promise<void> {
    try {
      await this.request<unknown>('POST', '/auth/logout', { authenticated: false });
    } finally {
      this.accessToken = null;
    }
  }

  me(): Promise<Me> {
    return this.request<Me>('GET', '/auth/me');
  }

  listIncidents(filter: IncidentFilter): Promise<IncidentPage> {
    const query = new URLSearchParams();
    if (filter.status?.length) query.set('status', filter.status.join(','));
    if (filter.severity?.length) query.set('severity', filter.severity.join(','));
    if (filter.organizationId) query.set('organization', filter.organizationId);
    if (filter.q) query.set('q', filter.q);
    if (filter.sort) query.set('sort', filter.sort);
    if (filter.order) query.set('order', filter.order);
    if (filter.limit) query.set('limit', String(filter.limit));
    if (filter.cursor) query.set('cursor', filter.cursor);
    const search = query.toString();
    return this.request<IncidentPage>('GET', `/incidents${search ? `?${search}` : ''}`);
  }

  getIncident(id: string): Promise<IncidentDetail> {
    return this.request<IncidentDetail>('GET', `/incidents/${encodeURIComponent(id)}`);
  }

  relatedIncidents(id: string): Promise<{ items: RelatedIncident[] }> {
    return this.request<{ items: RelatedIncident[] }>('GET', `/incidents/${encodeURIComponent(id)}/related`);
  }

  /** A campaign's children: the organisations' own incidents it links. */
  campaignIncidents(campaignId: string): Promise<IncidentPage> {
    return this.request<IncidentPage>('GET', `/incidents?campaign=${encodeURIComponent(campaignId)}&limit=200`);
  }

  getEntity(entity: string): Promise<EntityView> {
    return this.request<EntityView>('GET', `/entities/${encodeURIComponent(entity)}`);
  }

  updateIncident(id: string, version: number, change: IncidentChange): Promise<Incident> {
    return this.request<Incident>('PATCH', `/incidents/${encodeURIComponent(id)}`, { body: change, headers: { 'If-Match': `"${version}"` } });
  }

  /** Folds `sourceIds` into the incident `id`, based on the target's version the user saw. */
  mergeIncidents(id: string, version: number, sourceIds: readonly string[]): Promise<{ incident: Incident; merged: string[] }> {
    return this.request<{ incident: Incident; merged: string[] }>('POST', `/incidents/${encodeURIComponent(id)}/merge`, { body: { sourceIds, version } });
  }

  addComment(incidentId: string, body: string): Promise<IncidentComment> {
    return this.request<IncidentComment>('POST', `/incidents/${encodeURIComponent(incidentId)}/comments`, { body: { body } });
  }

  async listOrganisations(): Promise<OrganisationSummary[]> {
    return (await this.request<{ items: OrganisationSummary[] }>('GET', '/organisations')).items;
  }

  listWarnings(cursor?: string): Promise<WarningPage> {
    const query = new URLSearchParams({ limit: '50' });
    if (cursor) query.set('cursor', cursor);
    return this.request<WarningPage>('GET', `/warnings?${query.toString()}`);
  }

  /** For a recipient organisation, the first open marks the warning read (the API records it). */
  getWarning(id: string): Promise<WarningDetail> {
    return this.request<WarningDetail>('GET', `/warnings/${encodeURIComponent(id)}`);
  }

  acknowledgeWarning(id: string): Promise<WarningDelivery> {
    return this.request<WarningDelivery>('POST', `/warnings/${encodeURIComponent(id)}/acknowledge`);
  }

  bulkUpdateIncidents(ids: readonly string[], patch: IncidentChange): Promise<BulkResult> {
    return this.request<BulkResult>('POST', '/incidents/bulk', { body: { ids, patch } });
  }

  // Reporting (Meldepflicht)

  requestReport(incidentId: string, organizationId: string, awarenessAt: string): Promise<ReportObligation> {
    return this.request<ReportObligation>('POST', `/incidents/${encodeURIComponent(incidentId)}/report-obligations`, { body: { organizationId, awarenessAt } });
  }

  listObligations(filter: { incidentId?: string; open?: boolean } = {}): Promise<ReportObligationPage> {
    const query = new URLSearchParams({ limit: '200' });
    if (filter.incidentId) query.set('incident', filter.incidentId);
    if (filter.open !== undefined) query.set('open', String(filter.open));
    return this.request<ReportObligationPage>('GET', `/report-obligations?${query.toString()}`);
  }

  getObligation(id: string): Promise<ReportObligation> {
    return this.request<ReportObligation>('GET', `/report-obligations/${encodeURIComponent(id)}`);
  }

  requestIntermediateReport(obligationId: string, dueAt: string, note: string): Promise<ReportObligation> {
    return this.request<ReportObligation>('POST', `/report-obligations/${encodeURIComponent(obligationId)}/intermediate-request`, { body: { dueAt, ...(note ? { note } : {}) } });
  }

  async obligationReports(obligationId: string): Promise<{ id: string; phase: ReportPhase; currentVersion: number }[]> {
    return (await this.request<{ items: { id: string; phase: ReportPhase; currentVersion: number }[] }>('GET', `/report-obligations/${encodeURIComponent(obligationId)}/reports`)).items;
  }

  listReports(filter: { submitted?: boolean; acknowledged?: boolean } = {}): Promise<ReportPage> {
    const query = new URLSearchParams({ limit: '200' });
    if (filter.submitted !== undefined) query.set('submitted', String(filter.submitted));
    if (filter.acknowledged !== undefined) query.set('acknowledged', String(filter.acknowledged));
    return this.request<ReportPage>('GET', `/reports?${query.toString()}`);
  }

  startReport(obligationId: string, phase: ReportPhase, draft?: ReportContent): Promise<Report> {
    return this.request<Report>('POST', '/reports', { body: { obligationId, phase, ...(draft ? { draft } : {}) } });
  }

  getReport(id: string): Promise<ReportDetail> {
    return this.request<ReportDetail>('GET', `/reports/${encodeURIComponent(id)}`);
  }

  saveReportDraft(id: string, draft: ReportContent): Promise<Report> {
    return this.request<Report>('PUT', `/reports/${encodeURIComponent(id)}/draft`, { body: draft });
  }

  submitReport(id: string, content: ReportContent): Promise<ReportVersion> {
    return this.request<ReportVersion>('POST', `/reports/${encodeURIComponent(id)}/submit`, { body: { content } });
  }

  acknowledgeReport(id: string): Promise<Report> {
    return this.request<Report>('POST', `/reports/${encodeURIComponent(id)}/acknowledge`, { body: {} });
  }

  classifyReport(id: string, tier: ReportTier): Promise<Report> {
    return this.request<Report>('POST', `/reports/${encodeURIComponent(id)}/classification`, { body: { tier } });
  }

  giveReportFeedback(id: string, body: string): Promise<Report> {
    return this.request<Report>('POST', `/reports/${encodeURIComponent(id)}/feedback`, { body: { body } });
  }

  /** The report with every version and its history, as JSON or as a print-ready HTML document. */
  exportReport(id: string, format: 'json' | 'html'): Promise<DownloadedFile> {
    return this.download(`/reports/${encodeURIComponent(id)}/export.${format}`, `meldung-${id}.${format}`);
  }

  // Warnings (CERT side)

  createWarning(input: WarningInput): Promise<Warning> {
    return this.request<Warning>('POST', '/warnings', { body: input });
  }

  /** A draft's changes at the version seen; a stale version answers 409. */
  updateWarning(id: string, version: number, changes: Partial<WarningInput>): Promise<Warning> {
    return this.request<Warning>('PATCH', `/warnings/${encodeURIComponent(id)}`, { body: { ...changes, version } });
  }

  audienceOptions(): Promise<AudienceOptions> {
    return this.request<AudienceOptions>('GET', '/warnings/audience-options');
  }

  /** Exactly the organisations publishing would deliver to now; a TLP:RED warning only reaches its named people's organisations. */
  previewAudience(addressed: { audience: WarningAudience; tlp?: Tlp; recipientUserIds?: string[] }): Promise<AudiencePreview> {
    return this.request<AudiencePreview>('POST', '/warnings/audience-preview', { body: addressed });
  }

  createWarningFromIncident(incidentId: string): Promise<Warning> {
    return this.request<Warning>('POST', `/incidents/${encodeURIComponent(incidentId)}/warnings`, { body: {} });
  }

  approveWarning(id: string): Promise<Warning> {
    return this.request<Warning>('POST', `/warnings/${encodeURIComponent(id)}/approve`, { body: {} });
  }

  publishWarning(id: string): Promise<Warning> {
    return this.request<Warning>('POST', `/warnings/${encodeURIComponent(id)}/publish`, { body: {} });
  }

  /** A published warning as a CSAF 2.0 document. */
  warningCsaf(id: string): Promise<DownloadedFile> {
    return this.download(`/warnings/${encodeURIComponent(id)}/csaf`, `warnung-${id}.json`);
  }

  /** Whether the warnings API exists (yet) and this account may use it: the menu shows it only then. */
  async hasWarnings(): Promise<boolean> {
    try {
      await this.request<unknown>('GET', '/warnings?limit=1');
      return true;
    } catch {
      return false;
    }
  }

  // Administration

  async listFullOrganisations(): Promise<Organisation[]> {
    return (await this.request<{ items: Organisation[] }>('GET', '/organisations')).items;
  }

  getOrganisation(id: string): Promise<Organisation> {
    return this.request<Organisation>('GET', `/organisations/${encodeURIComponent(id)}`);
  }

  createOrganisation(id: string, input: OrganisationInput): Promise<Organisation> {
    return this.request<Organisation>('POST', '/organisations', { body: { id, ...input } });
  }

  updateOrganisation(id: string, input: OrganisationInput): Promise<Organisation> {
    return this.request<Organisation>('PATCH', `/organisations/${encodeURIComponent(id)}`, { body: input });
  }

  async listUsers(): Promise<User[]> {
    return (await this.request<{ items: User[] }>('GET', '/users')).items;
  }

  /** Without a password the server generates a one-time password and returns it once. */
  createUser(input: UserInput, password?: string): Promise<{ user: User; oneTimePassword?: string }> {
    return this.request<{ user: User; oneTimePassword?: string }>('POST', '/users', { body: { ...input, ...(password ? { password } : {}) } });
  }

  updateUser(id: string, patch: Partial<UserInput> & { disabled?: boolean }): Promise<User> {
    return this.request<User>('PATCH', `/users/${encodeURIComponent(id)}`, { body: patch });
  }

  /** Sets a one-time password (the user must change it); without one the server generates it. */
  resetPassword(id: string, password?: string): Promise<{ oneTimePassword?: string }> {
    return this.request<{ oneTimePassword?: string }>('POST', `/users/${encodeURIComponent(id)}/password`, { body: password ? { password } : {} });
  }

  async listLogSources(): Promise<LogSource[]> {
    return (await this.request<{ items: LogSource[] }>('GET', '/log-sources')).items;
  }

  async listParsers(): Promise<string[]> {
    return (await this.request<{ items: string[] }>('GET', '/log-sources/parsers')).items;
  }

  createLogSource(organizationId: string, name: string, parser?: string): Promise<{ source: LogSource; token: string }> {
    return this.request<{ source: LogSource; token: string }>('POST', '/log-sources', { body: { organizationId, name, ...(parser ? { parser } : {}) } });
  }

  revokeLogSource(id: string): Promise<LogSource> {
    return this.request<LogSource>('POST', `/log-sources/${encodeURIComponent(id)}/revoke`, { body: {} });
  }

  async listSuppressions(): Promise<Suppression[]> {
    return (await this.request<{ items: Suppression[] }>('GET', '/suppressions')).items;
  }

  createSuppression(input: SuppressionInput): Promise<Suppression> {
    return this.request<Suppression>('POST', '/suppressions', { body: input });
  }

  /** Expires the suppression now; it stays listed. */
  deleteSuppression(id: string): Promise<Suppression> {
    return this.request<Suppression>('DELETE', `/suppressions/${encodeURIComponent(id)}`);
  }

  // Rules

  listRules(filter: RuleFilter = {}): Promise<RulePage> {
    const query = new URLSearchParams();
    if (filter.pack?.length) query.set('pack', filter.pack.join(','));
    if (filter.level?.length) query.set('level', filter.level.join(','));
    if (filter.type?.length) query.set('type', filter.type.join(','));
    if (filter.enabled !== undefined) query.set('enabled', String(filter.enabled));
    if (filter.q) query.set('q', filter.q);
    if (filter.offset) query.set('offset', String(filter.offset));
    if (filter.limit) query.set('limit', String(filter.limit));
    const search = query.toString();
    return this.request<RulePage>('GET', `/rules${search ? `?${search}` : ''}`);
  }

  getRule(id: string): Promise<RuleDetail> {
    return this.request<RuleDetail>('GET', `/rules/${encodeURIComponent(id)}`);
  }

  setRuleEnabled(id: string, enabled: boolean): Promise<RuleSummary> {
    return this.request<RuleSummary>('POST', `/rules/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`, { body: {} });
  }

  validateRule(rule: string): Promise<{ valid: boolean; problems: RuleProblem[] }> {
    return this.request<{ valid: boolean; problems: RuleProblem[] }>('POST', '/rules/validate', { body: { rule } });
  }

  async testRule(rule: string, events: readonly Record<string, unknown>[]): Promise<Alert[]> {
    return (await this.request<{ alerts: Alert[] }>('POST', '/rules/test', { body: { rule, events } })).alerts;
  }

  /**
   * A file needs the bearer token like every call, so a plain link cannot fetch it: it is fetched
   * here and named as the API's Content-Disposition says (`fallbackName` if it says nothing).
   */
  private async download(path: string, fallbackName: string): Promise<DownloadedFile> {
    const response = await this.send('GET', path);
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName };
  }

  private async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** The response of a successful call; a problem (or a network failure) as an ApiError. */
  private async send(method: string, path: string, options: RequestOptions = {}, retried = false): Promise<Response> {
    const authenticated = options.authenticated ?? true;
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (authenticated && this.accessToken) headers.Authorization = `Bearer ${this.accessToken}`;
    let response: Response;
    try {
      response = await fetch(BASE + path, {
        method,
        headers,
        credentials: 'same-origin',
        // Never from the browser cache: the data is TLP-marked, and an ETag that carries only the
        // incident version would otherwise turn a new comment into a 304 with the old body.
        cache: 'no-store',
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (error) {
      throw new ApiError(0, 'network', 'Network error', error instanceof Error ? error.message : String(error));
    }
    if (response.status === 401 && authenticated) {
      if (!retried && (await this.restoreSession())) return this.send(method, path, options, true);
      this.accessToken = null;
      this.onSessionEnded();
    }
    if (!response.ok) throw await problemOf(response);
    return response;
  }
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/** `attachment; filename="meldung-….json"`: the API's names are plain ASCII, so the quoted form is all it sends. */
function fileNameOf(disposition: string | null): string | undefined {
  return disposition ? /filename="([^"]+)"/.exec(disposition)?.[1] : undefined;
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Record<string, unknown> = {};
  try {
    problem = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): status and status text are all there is.
  }
  const text = (name: string, fallback: string) => (typeof problem[name] === 'string' ? (problem[name] as string) : fallback);
  return new ApiError(response.status, text('code', 'http_' + response.status), text('title', response.statusText), text('detail', ''), problem);
}
