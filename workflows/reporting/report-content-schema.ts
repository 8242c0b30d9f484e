import { z } from 'zod';
import { TLP_LABELS } from '../../core/domain/incident.js';
import { PROTECTION_GOALS, REPORT_CATEGORIES, REPORT_TIERS, type ReportContent } from '../../core/domain/report.js';

const text = (max: number) => z.string().max(max);
const time = z.iso.datetime({ offset: true });
const person = z.strictObject({ name: z.string().trim().min(1).max(200), email: z.email().max(320), phone: z.string().max(50).optional() });
const list = (max: number) => z.array(z.string().trim().min(1).max(2000)).max(max);

const personalData = z.strictObject({
  affected: z.boolean(),
  subjectCategories: list(50).default([]),
  approxSubjects: z.number().int().min(0).nullable().default(null),
  recordCategories: list(50).default([]),
  approxRecords: z.number().int().min(0).nullable().default(null),
  likelyConsequences: text(20_000).default(''),
  authorityNotifiedAt: time.nullable().default(null),
  delayReason: text(20_000).default(''),
});

/** A submitted report: everything DOMAIN.md asks for; free texts may be empty while nothing is known yet. */
export const reportContentSchema = z.strictObject({
  reporter: person,
  isbContact: person,
  awarenessAt: time,
  startedAt: time.nullable().default(null),
  endedAt: time.nullable().default(null),
  tier: z.enum(REPORT_TIERS),
  categories: z.array(z.enum(REPORT_CATEGORIES)).min(1),
  description: z.string().trim().min(1).max(100_000),
  suspectedMaliciousAct: z.boolean().nullable().default(null),
  affectedSystems: list(500).default([]),
  protectionGoals: z.array(z.enum(PROTECTION_GOALS)).default([]),
  impactOnOtherAuthorities: text(20_000).default(''),
  personalData: personalData.default({ affected: false, subjectCategories: [], approxSubjects: null, recordCategories: [], approxRecords: null, likelyConsequences: '', authorityNotifiedAt: null, delayReason: '' }),
  indicatorsOfCompromise: list(5000).default([]),
  measuresTaken: text(100_000).default(''),
  measuresPlanned: text(100_000).default(''),
  rootCause: text(100_000).default(''),
  ongoing: z.boolean().default(false),
  supportRequested: text(20_000).default(''),
  tlp: z.enum(TLP_LABELS).default('TLP:AMBER'),
}) satisfies z.ZodType<ReportContent, unknown>;

/** What autosave accepts: any subset of the fields, each still well-formed. */
export const reportDraftSchema = z.strictObject({
  reporter: person.partial().optional(),
  isbContact: person.partial().optional(),
  awarenessAt: time.optional(),
  startedAt: time.nullable().optional(),
  endedAt: time.nullable().optional(),
  tier: z.enum(REPORT_TIERS).optional(),
  categories: z.array(z.enum(REPORT_CATEGORIES)).optional(),
  description: text(100_000).optional(),
  suspectedMaliciousAct: z.boolean().nullable().optional(),
  affectedSystems: list(500).optional(),
  protectionGoals: z.array(z.enum(PROTECTION_GOALS)).optional(),
  impactOnOtherAuthorities: text(20_000).optional(),
  personalData: personalData.partial().optional(),
  indicatorsOfCompromise: list(5000).optional(),
  measuresTaken: text(100_000).optional(),
  measuresPlanned: text(100_000).optional(),
  rootCause: text(100_000).optional(),
  ongoing: z.boolean().optional(),
  supportRequested: text(20_000).optional(),
  tlp: z.enum(TLP_LABELS).optional(),
});
