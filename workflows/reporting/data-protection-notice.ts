import type { ReportContent } from '../../core/domain/report.js';

export const DATA_PROTECTION_AUTHORITY = 'Sächsische Datenschutz- und Transparenzbeauftragte';
const ARTICLE_33_HOURS = 72;

/** What the notification to the data protection authority needs (GDPR Art. 33(3)), drawn from the report. */
export interface DataProtectionNotice {
  authority: string;
  dueAt: string;
  overdue: boolean;
  notifiedAt: string | null;
  natureOfBreach: string;
  categories: string[];
  subjectCategories: string[];
  approxSubjects: number | null;
  recordCategories: string[];
  approxRecords: number | null;
  contact: { name: string; email: string; phone?: string };
  likelyConsequences: string;
  measures: string;
  /** Art. 33(1): required when the notification is later than 72 h after awareness. */
  delayReason: string;
}

/** Undefined when no personal data is affected: then there is no duty under Art. 33. */
export function dataProtectionNotice(content: ReportContent, now: Date): DataProtectionNotice | undefined {
  const personal = content.personalData;
  if (!personal.affected) return undefined;
  const dueAt = new Date(Date.parse(content.awarenessAt) + ARTICLE_33_HOURS * 3_600_000);
  const notifiedAt = personal.authorityNotifiedAt;
  return {
    authority: DATA_PROTECTION_AUTHORITY,
    dueAt: dueAt.toISOString(),
    overdue: notifiedAt === null ? now.getTime() > dueAt.getTime() : Date.parse(notifiedAt) > dueAt.getTime(),
    notifiedAt,
    natureOfBreach: content.description,
    categories: content.categories,
    subjectCategories: personal.subjectCategories,
    approxSubjects: personal.approxSubjects,
    recordCategories: personal.recordCategories,
    approxRecords: personal.approxRecords,
    contact: content.isbContact,
    likelyConsequences: personal.likelyConsequences,
    measures: [content.measuresTaken, content.measuresPlanned].filter((part) => part.trim() !== '').join('\n\n'),
    delayReason: personal.delayReason,
  };
}
