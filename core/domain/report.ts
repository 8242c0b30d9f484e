import type { Tlp } from './incident.js';
import type { ReportingRegime } from './organisation.js';

/** The phases of a mandatory report (DOMAIN.md): Erstmeldung, Meldung, Zwischenmeldung, Abschlussmeldung. */
export const REPORT_PHASES = ['early_warning', 'notification', 'intermediate', 'final'] as const;
export type ReportPhase = (typeof REPORT_PHASES)[number];

/** The tiers of SächsISichG: § 3(6), § 3(5), § 16(1). */
export const REPORT_TIERS = ['sicherheitsereignis', 'sicherheitsvorfall', 'erheblicher_sicherheitsvorfall'] as const;
export type ReportTier = (typeof REPORT_TIERS)[number];

/** The categories of the federal reporting taxonomy, as listed in DOMAIN.md. */
export const REPORT_CATEGORIES = [
  'malware_blocked',
  'malware_installed',
  'intrusion',
  'unauthorised_use',
  'data_exfiltration',
  'manipulation',
  'dos',
  'phishing',
  'loss_or_theft',
  'system_failure',
  'other',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const PROTECTION_GOALS = ['confidentiality', 'integrity', 'availability'] as const;
export type ProtectionGoal = (typeof PROTECTION_GOALS)[number];

export interface ReportPerson {
  name: string;
  email: string;
  phone?: string;
}

/** What GDPR Art. 33(3) asks of a breach notification, as far as the reporting organisation knows it. */
export interface PersonalDataImpact {
  affected: boolean;
  /** Categories of people concerned (e.g. citizens, employees). */
  subjectCategories: string[];
  approxSubjects: number | null;
  /** Categories of records concerned (e.g. tax data, health data). */
  recordCategories: string[];
  approxRecords: number | null;
  likelyConsequences: string;
  /** When the data protection authority was notified, if it was. */
  authorityNotifiedAt: string | null;
  /** Art. 33(1): a notification later than 72 h must give reasons. */
  delayReason: string;
}

/**
 * The fields of a submitted report (DOMAIN.md "Fields a report needs"). A phase asks only some of
 * them (workflows/reporting/report-phase-fields.ts); the others are stored empty or unknown.
 */
export interface ReportContent {
  reporter: ReportPerson;
  isbContact: ReportPerson;
  awarenessAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Null in an early warning, which comes before a first assessment. */
  tier: ReportTier | null;
  categories: ReportCategory[];
  description: string;
  suspectedMaliciousAct: boolean | null;
  affectedSystems: string[];
  protectionGoals: ProtectionGoal[];
  impactOnOtherAuthorities: string;
  personalData: PersonalDataImpact;
  indicatorsOfCompromise: string[];
  measuresTaken: string;
  measuresPlanned: string;
  rootCause: string;
  /** For a final report: true makes it a progress report, the incident still being handled. */
  ongoing: boolean;
  supportRequested: string;
  tlp: Tlp;
}

/** A draft is whatever the officer has typed so far, down to half-filled contacts. */
export type ReportDraft = Omit<Partial<ReportContent>, 'reporter' | 'isbContact' | 'personalData'> & {
  reporter?: Partial<ReportPerson>;
  isbContact?: Partial<ReportPerson>;
  personalData?: Partial<PersonalDataImpact>;
};

export interface ReportFeedback {
  id: string;
  authorName: string;
  body: string;
  at: string;
}

/**
 * One report of one organisation in one phase. The submitted content lives only in its immutable
 * versions; this record holds the draft and the CERT's handling (acknowledgement, feedback, tier).
 */
export interface Report {
  id: string;
  organizationId: string;
  obligationId: string;
  phase: ReportPhase;
  draft: ReportDraft | null;
  draftSavedAt: string | null;
  /** 0 until the first submission; each correction adds one. */
  currentVersion: number;
  createdAt: string;
  createdBy: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** The CERT's classification, which may differ from the tier the organisation reported. */
  certTier: ReportTier | null;
  incidentIds: string[];
  feedback: ReportFeedback[];
  updatedAt: string;
  /** Incremented on every save; a save names the revision it read (optimistic concurrency). */
  revision: number;
}

/** A submission, never changed or deleted after it is written. */
export interface ReportVersion {
  reportId: string;
  organizationId: string;
  version: number;
  content: ReportContent;
  submittedAt: string;
  submittedBy: string;
}

export interface PhaseDeadline {
  phase: ReportPhase;
  dueAt: string;
  /** Set on the first submission of the phase's report; corrections do not move it. */
  submittedAt: string | null;
  reportId: string | null;
}

/** The duty of one organisation to report one incident, with a deadline per phase. */
export interface ReportObligation {
  id: string;
  organizationId: string;
  incidentId: string | null;
  regime: ReportingRegime;
  awarenessAt: string;
  deadlines: PhaseDeadline[];
  createdAt: string;
  createdBy: string;
  /** True when the CERT asked for the report (the ISB is told by mail); false when the organisation opened it itself. */
  requestedByCert: boolean;
  updatedAt: string;
  revision: number;
}

export type PhaseState = 'due' | 'overdue' | 'submitted';
