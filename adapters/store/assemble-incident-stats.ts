import { LEVEL_ORDER } from '../../core/domain/alert.js';
import { INCIDENT_STATUSES, type IncidentStatus, type Severity } from '../../core/domain/incident.js';
import { ValidationError } from '../../core/errors.js';
import type { IncidentStats, IncidentStatsQuery } from '../../core/ports/stores.js';

/** A year of days or about seven months of hours: more points than a chart can show. */
const MAX_BUCKETS = 5000;
const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const;

/** What each adapter counts itself; the shape and the zeros are filled in here, the same for both. */
export interface IncidentStatsRows {
  /** `at` is the UTC start of the bucket as an ISO string. */
  overTime: { at: string; severity: string; count: number }[];
  byOrganisation: { organizationId: string; count: number }[];
  byRule: { ruleId: string; ruleTitle: string; count: number }[];
  byStatus: { status: string; count: number }[];
}

/** The UTC start of the hour or day holding `time`, as an ISO string. */
function bucketStart(time: string, bucket: IncidentStatsQuery['bucket']): string {
  const ms = Date.parse(time);
  return new Date(ms - (ms % BUCKET_MS[bucket])).toISOString();
}

/** Every bucket of the window, empty ones too, so that a chart has no gaps. Refuses windows that would make too many. */
export function assembleIncidentStats(query: IncidentStatsQuery, rows: IncidentStatsRows): IncidentStats {
  const step = BUCKET_MS[query.bucket];
  const first = Date.parse(bucketStart(query.from, query.bucket));
  const last = Date.parse(bucketStart(query.to, query.bucket));
  if (Number.isNaN(first) || Number.isNaN(last) || last < first) throw new ValidationError('invalid stats window', [{ path: 'from', message: 'from must be a time before to' }]);
  if ((last - first) / step + 1 > MAX_BUCKETS) throw new ValidationError('stats window too long', [{ path: 'bucket', message: `more than ${MAX_BUCKETS} buckets; choose a shorter window or day buckets` }]);

  const overTime = new Map<string, Record<Severity, number>>();
  for (let at = first; at <= last; at += step) overTime.set(new Date(at).toISOString(), zeros(LEVEL_ORDER));
  for (const row of rows.overTime) {
    const counts = overTime.get(row.at);
    if (counts !== undefined && isOneOf(LEVEL_ORDER, row.severity)) counts[row.severity] += row.count;
  }
  const byStatus = zeros<IncidentStatus>(INCIDENT_STATUSES);
  for (const row of rows.byStatus) if (isOneOf(INCIDENT_STATUSES, row.status)) byStatus[row.status] += row.count;

  return {
    overTime: [...overTime].map(([at, counts]) => ({ at, counts })),
    byOrganisation: [...rows.byOrganisation].sort((a, b) => b.count - a.count || a.organizationId.localeCompare(b.organizationId)),
    byRule: [...rows.byRule].sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId)),
    byStatus,
  };
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function isOneOf<K extends string>(keys: readonly K[], value: string): value is K {
  return (keys as readonly string[]).includes(value);
}
