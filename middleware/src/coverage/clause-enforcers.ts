/**
 * Which code enforces each clause, named by module and export so it can be checked by import
 * (`verifyEnforcers`), not found by grepping for the clause ID. The mutation run (`npm run
 * mutation`) mutates exactly these exports, and a clause counts as proven only when tests titled
 * with its ID kill those mutants (see clause-coverage.ts).
 *
 * `proof` says how the enforcer is proven: `unit` exports have fast unit tests and are mutated;
 * `integration` exports need the real server, database and queue, so the mutation run leaves
 * them out and the clause's `reason` says why its score rests on its unit-tested part.
 */
import type { ClauseId } from '../policy/clauses.js';

export interface Enforcer {
  /** Path under middleware/src, e.g. `policy/cc-decision.ts`. */
  module: string;
  /** Exported names (functions, classes or constants) that enforce the clause. */
  exports: readonly string[];
  proof: 'unit' | 'integration';
}

export interface ClauseEnforcement {
  enforcers: readonly Enforcer[];
  /** Why the mutation score may be below the bar, or why part of the clause is not mutated. */
  reason?: string;
}

const unit = (module: string, ...exports: string[]): Enforcer => ({ module, exports, proof: 'unit' });
const integration = (module: string, ...exports: string[]): Enforcer => ({ module, exports, proof: 'integration' });

const DETECTORS_C05 = [
  unit('policy/pii/password-lines.ts', 'detectPasswordValues'),
  unit('policy/pii/api-keys.ts', 'detectVendorApiKeys', 'detectLabelledSecrets'),
  unit('policy/pii/bearer-tokens.ts', 'detectBearerTokens'),
  unit('policy/pii/private-keys.ts', 'detectPrivateKeys'),
  unit('policy/pii/connection-strings.ts', 'detectConnectionStringPasswords'),
  // Configs, commands and panel logins (session 3), compound keys, XML, mail transcripts, chat lines, tables (session 4).
  unit('policy/pii/config-and-commands.ts', 'detectConfigAndCommandPasswords', 'detectPanelLogins'),
  unit('policy/pii/credential-forms.ts', 'detectCredentialForms'),
];

export const CLAUSE_ENFORCERS: Readonly<Record<ClauseId, ClauseEnforcement>> = {
  C01: { enforcers: [unit('policy/pii-categories.ts', 'piiCategoriesOnRecord'), integration('summary/person-summary.ts', 'summarizePerson')] },
  C02: {
    enforcers: [unit('requests/step-plan.ts', 'planSteps'), unit('policy/retention.ts', 'erasureSteps'), integration('requests/access-export.ts', 'collectAccessExport'), integration('connectors/talkdesk/calls-report.ts', 'TalkdeskCallsReport'), integration('modules.ts', 'talkdeskCallsReportSources')],
    reason: 'the vendor reads (calls report, transcripts) are proven by contract and integration tests; the mutated part is which systems the plan covers',
  },
  C03: {
    enforcers: [unit('policy/pii/detect-sensitive-data.ts', 'detectSensitiveData')],
    reason: 'detectSensitiveData only merges the detectors\' findings; its mutants are killed by the C04 and C05 tests that run through it, and none of those is titled C03',
  },
  C04: {
    enforcers: [unit('policy/pii/card-numbers.ts', 'detectCardNumbers'), unit('policy/pii/card-number-forms.ts', 'detectCardNumbersInAnyForm'), unit('policy/pii/luhn.ts', 'passesLuhn'), unit('policy/pii/redaction-output.ts', 'redactSpans', 'toRedactionHtml')],
    reason: 'survivors are in the card detector\'s span boundaries (separators, end of run) and the redaction output\'s HTML escaping; closing them needs more corpus cases in the detector work (policy/pii), which another helper owns',
  },
  C05: {
    enforcers: DETECTORS_C05,
    reason: 'survivors are in the credential detectors\' label and value boundaries (password lines, labelled secrets, bearer tokens); the patterns themselves are module constants left out by ignoreStatic; more cases belong to the detector work',
  },
  C06: {
    enforcers: [unit('policy/pii/special-categories.ts', 'detectSpecialCategories')],
    reason: '19 mutants: the term lists are module constants (ignoreStatic); survivors are in the word-boundary check',
  },
  C07: {
    enforcers: [unit('policy/cc-decision.ts', 'decideCcRemovals', 'isExemptDomain'), integration('cc-enforcement/strip-unconsented-ccs.ts', 'stripUnconsentedCcs')],
    reason: 'decideCcRemovals is shared with C08: the third-party-sharing branch is killed by C08 tests, and the reason strings of the decision survive (they are not behaviour)',
  },
  C08: {
    enforcers: [unit('policy/cc-decision.ts', 'decideCcRemovals', 'purposeStateFor'), integration('cc-enforcement/strip-unconsented-ccs.ts', 'stripUnconsentedCcs')],
    reason: 'decideCcRemovals is shared with C07: its exemption branches (agents, allow-listed domains) are killed by C07 tests, not C08 ones',
  },
  C09: {
    enforcers: [unit('policy/consent.ts', 'deriveConsentState', 'consentRecordIssues')],
    reason: 'survivors are in deriveConsentState\'s ordering of records given at the same instant and in the wording of consentRecordIssues',
  },
  C10: { enforcers: [unit('policy/consent.ts', 'canWithdraw')] },
  C11: {
    enforcers: [integration('summary/summary-route.ts', 'summaryRoutes'), integration('requests/routes.ts', 'requestsRoutes')],
    reason: 'asking for and recording the attestation is a database read and write in the summary route; proven by test/integration/summary-clauses.test.ts, not mutated',
  },
  C12: { enforcers: [unit('policy/processors.ts', 'processorRegistry')] },
  C13: { enforcers: [unit('policy/processors.ts', 'unsafeguardedTransfers', 'processorRegistry'), unit('policy/person-region.ts', 'personRegion')] },
  C14: {
    enforcers: [unit('policy/retention.ts', 'lastActivityAcrossSystems', 'decideRetention'), integration('connectors/talkdesk/calls-report.ts', 'TalkdeskCallsReport'), integration('modules.ts', 'talkdeskCallsReportSources')],
    reason: 'decideRetention is one decision shared by C14, C15, C18 and C19: each clause\'s tests kill the branches about it, and the other clauses\' branches count as survivors against it (a kill is credited only to tests titled with the clause ID)',
  },
  C15: {
    enforcers: [unit('policy/retention.ts', 'decideRetention'), integration('retention/sweep-scan.ts', 'scanPreview')],
    reason: 'decideRetention is one decision shared by C14, C15, C18 and C19: each clause\'s tests kill the branches about it, and the other clauses\' branches count as survivors against it (a kill is credited only to tests titled with the clause ID)',
  },
  C16: {
    enforcers: [unit('policy/retention.ts', 'erasureSteps'), integration('erasure/zendesk-steps.ts', 'anonymizeIdentity', 'redactCommentPii', 'verifyAnonymized')],
    reason: 'erasureSteps and the plans are shared with C17 and C19: the delete-mode branches count as survivors against the anonymize tests',
  },
  C17: {
    enforcers: [unit('policy/retention.ts', 'erasureSteps'), unit('requests/step-plan.ts', 'planSteps'), integration('erasure/zendesk-steps.ts', 'permanentlyDeleteUser', 'verifyDeleted')],
    reason: 'planSteps and erasureSteps are shared: the access, rectification, restriction and objection cases count as survivors against the C17 tests',
  },
  C18: {
    enforcers: [unit('policy/retention.ts', 'isHoldActive', 'decideRetention')],
    reason: 'decideRetention is one decision shared by C14, C15, C18 and C19: each clause\'s tests kill the branches about it, and the other clauses\' branches count as survivors against it (a kill is credited only to tests titled with the clause ID)',
  },
  C19: {
    enforcers: [unit('policy/retention.ts', 'decideRetention'), integration('erasure/zendesk-steps.ts', 'closeSolvedTickets')],
    reason: 'decideRetention is one decision shared by C14, C15, C18 and C19: each clause\'s tests kill the branches about it, and the other clauses\' branches count as survivors against it (a kill is credited only to tests titled with the clause ID)',
  },
  C20: { enforcers: [unit('requests/identity.ts', 'assessRequesterIdentity'), unit('policy/erasure-identity.ts', 'channelEstablishesIdentity')] },
  C21: {
    enforcers: [unit('requests/step-plan.ts', 'planSteps'), integration('requests/access-export.ts', 'collectAccessExport', 'buildExportStep'), integration('connectors/talkdesk/calls-report.ts', 'TalkdeskCallsReport')],
    reason: 'collecting the export reads three vendors; its proof is the integration suite (requests-rights) and the Talkdesk contract tests',
  },
  C22: { enforcers: [integration('requests/access-export.ts', 'buildExportArchive')], reason: 'the archive is built from vendor data in the integration suite; no pure part to mutate' },
  C23: {
    enforcers: [unit('policy/rectification-values.ts', 'readRectificationValues', 'hasNoChanges'), integration('requests/rights-steps.ts', 'rectifyZendeskUser', 'rectifyLiveChatCustomers', 'rectifyTalkdeskContacts')],
    reason: 'the rectification steps are vendor writes; they are proven by the requests-rights and requests-rectification integration tests, not mutated. Reading the values from the ticket is pure and mutated',
  },
  C24: {
    enforcers: [unit('policy/restriction.ts', 'automationAllowed'), integration('requests/step-runner.ts', 'startRequest')],
    reason: 'startRequest applies the verdict to erasure, access and rectification requests; proven by the requests-rights integration tests (C24 titles), not mutated',
  },
  C25: { enforcers: [unit('policy/consent.ts', 'purposesWithdrawnByObjection')] },
  C26: { enforcers: [unit('policy/deadlines.ts', 'dueDate', 'deadlineStatus', 'extensionIssues'), unit('policy/calendar.ts', 'addMonthsUtc')] },
  C27: {
    enforcers: [unit('policy/minors.ts', 'isMinor', 'ageFromUserFields', 'isMinorByUserFields'), unit('policy/calendar.ts', 'completedYearsUtc'), integration('minors/minor-intake.ts', 'flagMinorAtIntake', 'minorIntakeModule'), integration('minors/mark-minor.ts', 'markPersonAsMinor')],
    reason: 'marking at intake (ticket and user webhooks) is database and Zendesk work proven by test/integration/policy-promises.test.ts; the mutated part is the age rule',
  },
  C28: { enforcers: [unit('policy/consent.ts', 'isAcceptanceOutdated')] },
  C29: { enforcers: [integration('store/audit-ledger.ts', 'AuditLedger')], reason: 'the ledger is SQL over the real database; its proof is the audit integration tests (tamper, verify), not a unit mutation run' },
  C30: { enforcers: [unit('erasure/receipt.ts', 'buildReceipt')] },
  C31: { enforcers: [unit('policy/unsubscribe-subject.ts', 'isUnsubscribeSubject', 'purposesToUnsubscribe'), integration('consent/unsubscribe-by-subject.ts', 'withdrawMarketingOnUnsubscribeSubject', 'unsubscribeSubjectModule')] },
  C32: {
    enforcers: [unit('policy/change-notice.ts', 'changeNoticeSkipReason', 'changeNoticeText', 'changeNoticeTag'), integration('policy-notices/change-notices.ts', 'recordVersionInForce', 'publishPolicyVersion', 'sendChangeNoticePage'), integration('policy-notices/policy-notice-module.ts', 'policyNoticeModule')],
    reason: 'the run itself (publication, paging the user export, notice tickets, resuming after a stop) is database and Zendesk work proven by test/integration/policy-promises.test.ts; the mutated part is who gets a notice and what it says',
  },
  C33: {
    enforcers: [unit('policy/referral-removal.ts', 'isReferralRemovalRequest', 'suppressionKey', 'needsDoNotContactNote'), unit('policy/erasure-identity.ts', 'ticketIdentityRule'), integration('referrals/referral-removal.ts', 'handleReferralContacts', 'isSuppressed', 'referralContactsModule')],
    reason: 'suppressing the address, opening the erasure request and the notes are database and Zendesk work proven by test/integration/policy-promises.test.ts; the mutated part is the decisions',
  },
  C34: {
    enforcers: [unit('policy/objection-scope.ts', 'objectionScopeFromTags', 'purposesWithdrawnForObjection', 'objectionRestrictsProcessing'), unit('requests/step-plan.ts', 'planSteps'), integration('requests/rights-steps.ts', 'withdrawMarketing', 'setRestriction')],
    reason: 'planSteps is shared with C02, C17 and C21: their cases count as survivors against the C34 tests; the withdrawal and restriction steps are proven by test/integration/policy-promises.test.ts',
  },
  C35: { enforcers: [unit('policy/third-party-recipients.ts', 'thirdPartyRecipientRows'), integration('requests/access-export.ts', 'collectAccessExport', 'buildExportArchive')] },
  C36: {
    enforcers: [unit('policy/survey-gate.ts', 'surveyInvitation'), integration('surveys/survey-gate.ts', 'gateSurveyInvitation', 'surveyGateModule')],
    reason: 'tagging the solved ticket is a Zendesk write proven by test/integration/policy-promises.test.ts; case-study and partner-marketing consent are recorded and shown as purposes (C09) but nothing in a support desk sends a case study or shares with a partner, so there is no action to gate',
  },
};

/** Every module path the registry names, each once, with the exports named for it. */
export function enforcedExports(filter: (e: Enforcer) => boolean = () => true): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { enforcers } of Object.values(CLAUSE_ENFORCERS)) {
    for (const e of enforcers.filter(filter)) {
      const names = out.get(e.module) ?? new Set<string>();
      for (const name of e.exports) names.add(name);
      out.set(e.module, names);
    }
  }
  return out;
}

/**
 * Imports every module the registry names and returns what is missing: a module that does not
 * load or an export that is not there. Empty when the registry matches the code.
 */
export async function verifyEnforcers(): Promise<string[]> {
  const problems: string[] = [];
  for (const [module, names] of enforcedExports()) {
    let loaded: Record<string, unknown>;
    try {
      loaded = (await import(new URL(`../${module.replace(/\.ts$/, '.js')}`, import.meta.url).href)) as Record<string, unknown>;
    } catch (error) {
      problems.push(`${module}: does not load (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    for (const name of names) if (loaded[name] === undefined) problems.push(`${module}: no export ${name}`);
  }
  return problems;
}
