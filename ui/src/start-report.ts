import type { ApiClient } from './api-client.js';
import type { ReportObligation, ReportPhase } from './api-types.js';

/** A report of an obligation as its list gives it. */
export interface FiledReport {
  id: string;
  phase: ReportPhase;
  currentVersion: number;
}

/**
 * Starts a phase's report of an obligation and answers its id. The latest content submitted for an
 * earlier phase is carried into the new draft, so nothing is typed twice; the new phase's form asks
 * only what it needs of it.
 */
export async function startReport(api: ApiClient, obligation: ReportObligation, phase: ReportPhase, filed: readonly FiledReport[]): Promise<string> {
  const previous = [...filed].reverse().find((report) => report.currentVersion > 0);
  const carried = previous ? (await api.getReport(previous.id)).versions.at(-1)?.content : undefined;
  return (await api.startReport(obligation.id, phase, carried)).id;
}
