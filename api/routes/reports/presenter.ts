import type { Report, ReportObligation } from '../../../core/domain/report.js';
import type { ReportDetail } from '../../../workflows/reporting/get-report-detail.js';
import { isOpen, phaseState } from '../../../workflows/reporting/phase-state.js';
import { PHASE_FIELDS } from '../../../workflows/reporting/report-phase-fields.js';

export function presentObligation(obligation: ReportObligation, now: Date) {
  return {
    id: obligation.id,
    organizationId: obligation.organizationId,
    incidentId: obligation.incidentId,
    regime: obligation.regime,
    awarenessAt: obligation.awarenessAt,
    deadlines: obligation.deadlines.map((deadline) => ({ ...deadline, state: phaseState(deadline, now) })),
    open: isOpen(obligation),
    requestedByCert: obligation.requestedByCert,
    createdAt: obligation.createdAt,
    createdBy: obligation.createdBy,
    updatedAt: obligation.updatedAt,
  };
}

/** The revision is an internal concurrency counter; clients see the version number that matters to them. */
export function presentReport(report: Report) {
  const copy: Partial<Report> = { ...report };
  delete copy.revision;
  return { ...(copy as Omit<Report, 'revision'>), status: report.currentVersion === 0 ? ('draft' as const) : ('submitted' as const) };
}

export function presentReportDetail(detail: ReportDetail, now: Date) {
  return {
    report: presentReport(detail.report),
    versions: detail.versions.map(({ reportId, version, content, submittedAt, submittedBy }) => ({ reportId, version, content, submittedAt, submittedBy })),
    obligation: detail.obligation ? presentObligation(detail.obligation, now) : null,
    dataProtection: detail.dataProtection ?? null,
    // The form asks what the submission is checked against, so the two cannot drift apart.
    fields: PHASE_FIELDS[detail.report.phase],
  };
}
