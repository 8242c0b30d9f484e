import { z } from 'zod';
import { TLP_LABELS } from '../../core/domain/incident.js';
import { PROTECTION_GOALS, REPORT_CATEGORIES, REPORT_TIERS, type ReportContent } from '../../core/domain/report.js';

const text = (max: number) => z.string().max(max);
const time = z.iso.datetime({ offset: true });
/** Empty or an address: whether a contact may be left empty is the phase's to say (report-phase-fields.ts). */
const email = z
  .string()
  .trim()
  .max(320)
  .refine((value) => value === '' || z.email().safeParse(value).success, 'Invalid email address');
const personName = z.string().trim().max(200);
const phone = z.string().max(50).optional();
const person = z.strictObject({ name: personName.default(''), email: email.default(''), phone });
// A draft keeps an address as typed, malformed or not: refusing it would lose the whole autosave; the submission checks it.
const draftPerson = z.strictObject({ name: personName, email: z.string().trim().max(320), phone }).partial();
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

/**
 * A submitted report, well-formed: everything DOMAIN.md asks for, with what was left out filled in
 * as unknown or empty. Which fields must not be empty depends on the phase (report-phase-fields.ts).
 */
export const reportContentSchema = z.strictObject({
  reporter: person.default({ name: '', email: '' }),
  isbContact: person.default({ name: '', email: '' }),
  awarenessAt: time,
  startedAt: time.nullable().default(null),
  endedAt: time.nullable().default(null),
  tier: z.enum(REPORT_TIERS).nullable().default(null),
  categories: z.array(z.enum(REPORT_CATEGORIES)).default([]),
  description: z.string().trim().max(100_000).default(''),
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
  reporter: draftPerson.optional(),
  isbContact: draftPerson.optional(),
  awarenessAt: time.optional(),
  startedAt: time.nullable().optional(),
  endedAt: time.nullable().optional(),
  tier: z.enum(REPORT_TIERS).nullable().optional(),
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
