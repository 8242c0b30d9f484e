import type { ReportDraft, ReportPhase } from '../../core/domain/report.js';

/** Every field of a report's content, by its dotted path in the content (core/domain/report.ts). */
export const REPORT_FIELD_PATHS = [
  'reporter.name',
  'reporter.email',
  'reporter.phone',
  'isbContact.name',
  'isbContact.email',
  'isbContact.phone',
  'awarenessAt',
  'startedAt',
  'endedAt',
  'tier',
  'categories',
  'description',
  'suspectedMaliciousAct',
  'ongoing',
  'affectedSystems',
  'protectionGoals',
  'impactOnOtherAuthorities',
  'indicatorsOfCompromise',
  'personalData.affected',
  'personalData.subjectCategories',
  'personalData.approxSubjects',
  'personalData.recordCategories',
  'personalData.approxRecords',
  'personalData.likelyConsequences',
  'personalData.authorityNotifiedAt',
  'personalData.delayReason',
  'measuresTaken',
  'measuresPlanned',
  'rootCause',
  'supportRequested',
  'tlp',
] as const;
export type ReportFieldPath = (typeof REPORT_FIELD_PATHS)[number];

/** A field a phase asks for; a required one must not be empty when the report is submitted. */
export interface PhaseField {
  path: ReportFieldPath;
  required: boolean;
}

const asked = (...paths: ReportFieldPath[]) => paths.map((path): PhaseField => ({ path, required: false }));
const needed = (...paths: ReportFieldPath[]) => paths.map((path): PhaseField => ({ path, required: true }));

/** Who reports and whom the CERT calls back: every phase, name and e-mail required. */
const CONTACTS = [...needed('reporter.name', 'reporter.email'), ...asked('reporter.phone'), ...needed('isbContact.name', 'isbContact.email'), ...asked('isbContact.phone')];
const PERSONAL_DATA = asked(...REPORT_FIELD_PATHS.filter((path) => path.startsWith('personalData.')));

/**
 * What each phase asks (docs/reporting.md, after NIS2 Art. 23(4) and § 32 BSIG). The
 * early warning is due within 24 hours and asks only what happened, since when, whether a malicious
 * or unlawful act is suspected and whether others may be affected; the tier and the categories
 * follow with the notification, when there is a first assessment. This is the one definition: the
 * submission is checked against it, and the report form shows what the report detail lists from it.
 */
export const PHASE_FIELDS: Readonly<Record<ReportPhase, readonly PhaseField[]>> = {
  early_warning: [...CONTACTS, ...needed('awarenessAt'), ...asked('startedAt'), ...needed('description'), ...asked('suspectedMaliciousAct', 'impactOnOtherAuthorities', 'tlp')],
  notification: [
    ...CONTACTS,
    ...needed('awarenessAt'),
    ...asked('startedAt', 'endedAt'),
    ...needed('tier', 'categories', 'description'),
    ...asked('suspectedMaliciousAct', 'affectedSystems', 'protectionGoals', 'impactOnOtherAuthorities', 'indicatorsOfCompromise'),
    ...PERSONAL_DATA,
    ...asked('measuresTaken', 'supportRequested', 'tlp'),
  ],
  intermediate: [
    ...CONTACTS,
    ...needed('awarenessAt'),
    ...asked('endedAt', 'tier'),
    ...needed('description'),
    ...asked('affectedSystems', 'indicatorsOfCompromise', 'measuresTaken', 'measuresPlanned', 'supportRequested', 'tlp'),
  ],
  final: [
    ...CONTACTS,
    ...needed('awarenessAt'),
    ...asked('startedAt', 'endedAt'),
    ...needed('tier', 'categories', 'description'),
    ...asked('suspectedMaliciousAct', 'ongoing', 'affectedSystems', 'protectionGoals', 'impactOnOtherAuthorities', 'indicatorsOfCompromise'),
    ...PERSONAL_DATA,
    ...asked('measuresTaken', 'measuresPlanned', 'rootCause', 'supportRequested', 'tlp'),
  ],
};

function valueAt(content: ReportDraft | Readonly<Record<string, unknown>>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), content);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** The required fields of the phase the content leaves empty, in the phase's order. */
export function missingFields(phase: ReportPhase, content: ReportDraft | Readonly<Record<string, unknown>>): ReportFieldPath[] {
  return PHASE_FIELDS[phase].filter((field) => field.required && isEmpty(valueAt(content, field.path))).map((field) => field.path);
}
