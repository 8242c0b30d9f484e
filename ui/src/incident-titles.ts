import type { ApiClient } from './api-client.js';
import type { ReportObligation } from './api-types.js';

/** The titles of the obligations' incidents; an incident the viewer may not open keeps the generic label. */
export async function incidentTitles(api: ApiClient, obligations: readonly ReportObligation[]): Promise<Map<string, string>> {
  const ids = [...new Set(obligations.flatMap((obligation) => (obligation.incidentId ? [obligation.incidentId] : [])))];
  const details = await Promise.all(ids.map((id) => api.getIncident(id).catch(() => undefined)));
  return new Map(details.flatMap((detail, index) => (detail ? [[ids[index]!, detail.incident.title] as const] : [])));
}
