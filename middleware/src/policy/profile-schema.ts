/**
 * The policy profile: the parameters one privacy policy sets for the product (retention,
 * consent purposes, CC rule, redaction, processors, deadlines, minimum age, policy version),
 * validated by one zod schema.
 *
 * Traceability: values stay plain (so rules read `profile.retention.windowMonths`), and a
 * `trace` record keyed by field path says where each value comes from: the clause, a sentence
 * quoted from the policy file, and whether the policy states the value or the product had to
 * infer, default or inherit it. The schema refuses a profile with an untraced value or a trace
 * for a field that does not exist. Array elements with an `id` or `name` are traced one by one
 * (`consentPurposes[marketing]`, `processors[Zendesk]`); other arrays are traced as a whole.
 */
import { z } from 'zod';
import { CLAUSE_IDS } from './clauses.js';

export const ACTIVITY_SYSTEMS = ['zendesk', 'livechat', 'talkdesk'] as const;
/** A system whose activity counts for retention (C14). */
export type ActivitySystem = (typeof ACTIVITY_SYSTEMS)[number];

/** Purpose IDs the product knows by name; profiles may add their own (lower snake case). */
export const KNOWN_PURPOSE_IDS = [
  'cc',
  'third_party_sharing',
  'marketing',
  'surveys',
  'case_study',
  'service_messages',
] as const;

const purposeId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower snake case, e.g. third_party_sharing');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'must be a real calendar date');

const domain = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a lower-case domain such as example.com');

/** Where a traced value comes from. */
export const TRACE_BASES = ['stated', 'inferred', 'default', 'inherited'] as const;
/** `stated`: the quote says it; `inferred`: read from the quote; `default`: the policy is silent and the product chose; `inherited`: taken from another profile's policy. */
export type TraceBasis = (typeof TRACE_BASES)[number];

export const traceEntrySchema = z
  .object({
    clause: z.enum(CLAUSE_IDS),
    source: z.string().min(10, 'must quote the sentence from the policy file'),
    basis: z.enum(TRACE_BASES),
    note: z.string().min(5).optional(),
    inherited: z
      .object({
        profile: z.string().min(1),
        file: z.string().min(1),
        source: z.string().min(10),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.basis !== 'stated' && !entry.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: `a note is required when basis is ${entry.basis}` });
    }
    if (entry.basis === 'inherited' && !entry.inherited) {
      ctx.addIssue({ code: 'custom', path: ['inherited'], message: 'an inherited value must name the profile, file and source it inherits' });
    }
  });

/** Where one profile value comes from: clause, quoted source sentence, basis. */
export type TraceEntry = z.infer<typeof traceEntrySchema>;

const consentPurposeSchema = z
  .object({
    id: purposeId,
    required: z.boolean(),
    description: z.string().min(5),
  })
  .strict();

const processorSchema = z
  .object({
    name: z.string().min(1),
    function: z.string().min(1),
    country: z.string().min(2),
    region: z.enum(['eea', 'non_eea']),
    safeguard: z.string().min(2).optional(),
  })
  .strict();

export const profileBodySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower case letters, digits and dashes'),
    organisation: z.string().min(1),
    policySourceFile: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/, 'must name a file in policies/, e.g. 000_65110890c5f6a4bb.txt'),
    /** Set when the policy lost values in extraction and this profile takes them from another. */
    inheritsFrom: z.string().min(1).optional(),
    policyVersion: z.string().min(1),
    policyDate: isoDate,
    retention: z
      .object({
        windowMonths: z.number().int().min(1).max(600),
        mode: z.enum(['delete', 'anonymize']),
        closeSolvedTicketsBeforeDeletion: z.boolean(),
        countsActivityFrom: z
          .array(z.enum(ACTIVITY_SYSTEMS))
          .min(1)
          .refine((a) => new Set(a).size === a.length, 'must not repeat a system'),
        legalHoldsAllowed: z.boolean(),
      })
      .strict(),
    minimumAge: z.number().int().min(1).max(25).nullable(),
    requestDeadlineMonths: z.number().int().min(1).max(3).default(1),
    maxExtensionDays: z.number().int().min(0).max(90),
    consentPurposes: z
      .array(consentPurposeSchema)
      .min(1)
      .refine((a) => new Set(a.map((p) => p.id)).size === a.length, 'purpose ids must be unique'),
    cc: z
      .object({
        requireConsent: z.boolean(),
        exemptDomains: z.array(domain),
        exemptAgents: z.boolean(),
        /** C08: a CC on another domain than the requester's needs the requester's third_party_sharing consent. */
        outsideDomainsRequireSharingConsent: z.boolean(),
      })
      .strict(),
    redaction: z
      .object({
        cardNumbers: z.enum(['redact_immediately', 'flag_only']),
        credentials: z.enum(['flag_then_redact_on_solved', 'redact_immediately', 'flag_only']),
        specialCategories: z.enum(['flag', 'ignore']),
      })
      .strict(),
    processors: z
      .array(processorSchema)
      .refine((a) => new Set(a.map((p) => p.name)).size === a.length, 'processor names must be unique'),
    erasure: z
      .object({
        /**
         * `account_primary_email`: the person's own verified address (C20). `account_administrator`:
         * only the customer account's administrator may ask (deskpro); an agent confirms that in the app.
         */
        acceptFrom: z.enum(['account_primary_email', 'account_administrator']),
        /** When a request comes from elsewhere, ask the person to confirm from the primary address. */
        confirmFromPrimaryOtherwise: z.boolean(),
      })
      .strict(),
    exportFormats: z
      .array(z.enum(['csv', 'json']))
      .min(1)
      .refine((a) => new Set(a).size === a.length, 'must not repeat a format'),
    /**
     * C35: third parties the policy names as recipients of support data (not processors: those are
     * `processors`), listed in the access export. Absent when the policy names none.
     */
    thirdPartyRecipients: z
      .array(z.object({ name: z.string().min(1), purpose: z.string().min(5), receives: z.string().min(3) }).strict())
      .min(1)
      .refine((a) => new Set(a.map((r) => r.name)).size === a.length, 'recipient names must be unique')
      .optional(),
    /** C22 + C08: handing an export to a third party needs the person's third_party_sharing consent. */
    exportToThirdPartyRequiresConsent: z.boolean(),
    /**
     * C20: an admin's manual identity override (confirming a request the person did not confirm)
     * takes effect only once a second, different admin approves it. Absent means off.
     */
    manualOverride: z.object({ fourEyes: z.boolean() }).strict().optional(),
    trace: z.record(z.string(), traceEntrySchema),
  })
  .strict();

/** Top-level keys that name the profile and its source rather than carry policy values; not traced. */
export const UNTRACED_KEYS: ReadonlySet<string> = new Set(['id', 'organisation', 'policySourceFile', 'inheritsFrom', 'trace']);

/**
 * The field paths of a profile that need a trace entry: every leaf, with array elements
 * keyed by `id` or `name` when they have one.
 */
export function traceablePaths(value: Record<string, unknown>): string[] {
  const paths: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      const keyed = node.length > 0 && node.every((el) => elementKey(el) !== undefined);
      if (!keyed) {
        paths.push(path);
        return;
      }
      for (const el of node) paths.push(`${path}[${elementKey(el)}]`);
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key);
      return;
    }
    paths.push(path);
  };
  for (const [key, child] of Object.entries(value)) {
    if (!UNTRACED_KEYS.has(key)) walk(child, key);
  }
  return paths;
}

function elementKey(el: unknown): string | undefined {
  if (el === null || typeof el !== 'object') return undefined;
  const rec = el as Record<string, unknown>;
  if (typeof rec['id'] === 'string') return rec['id'];
  if (typeof rec['name'] === 'string') return rec['name'];
  return undefined;
}

export const policyProfileSchema = profileBodySchema.superRefine((profile, ctx) => {
  const needed = traceablePaths(profile);
  const neededSet = new Set(needed);
  for (const path of needed) {
    if (!(path in profile.trace)) {
      ctx.addIssue({ code: 'custom', path: ['trace', path], message: `value ${path} has no trace entry (clause and source sentence)` });
    }
  }
  for (const path of Object.keys(profile.trace)) {
    if (!neededSet.has(path)) {
      ctx.addIssue({ code: 'custom', path: ['trace', path], message: `trace entry ${path} does not match any value of the profile` });
    }
  }
  if (profile.inheritsFrom === undefined) {
    for (const [path, entry] of Object.entries(profile.trace)) {
      if (entry.basis === 'inherited') {
        ctx.addIssue({ code: 'custom', path: ['trace', path, 'basis'], message: 'basis inherited requires the profile to name inheritsFrom' });
      }
    }
  }
});

/** A validated policy profile. Values are plain; `trace` holds their provenance. */
export type PolicyProfile = z.infer<typeof policyProfileSchema>;
/** A consent purpose as the profile declares it (C09, C10). */
export type ConsentPurpose = PolicyProfile['consentPurposes'][number];
/** A processor of the registry (C12, C13). */
export type Processor = PolicyProfile['processors'][number];
/** A third party the policy names as a recipient (C35). */
export type ThirdPartyRecipient = NonNullable<PolicyProfile['thirdPartyRecipients']>[number];
/** Retention mode (C15, C16). */
export type RetentionMode = PolicyProfile['retention']['mode'];
