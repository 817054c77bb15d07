import type { AppContext } from './app-context.js';
import type { ServiceModule } from './service-module.js';
import { ccEnforcementModule } from './cc-enforcement/cc-enforcement-module.js';
import { consentModule } from './consent/consent-module.js';
import { unsubscribeSubjectModule } from './consent/unsubscribe-by-subject.js';
import { referralContactsModule } from './referrals/referral-removal.js';
import { minorIntakeModule } from './minors/minor-intake.js';
import { surveyGateModule } from './surveys/survey-gate.js';
import { ccPrecheckModule } from './cc-precheck/cc-precheck-module.js';
import { createAppAuthenticator } from './http/create-authenticator.js';
import { appPagesRouter } from './http/app-pages.js';
import { auditRoutes } from './http/audit-routes.js';
import { processorRoutes } from './http/processor-routes.js';
import { clauseRoutes } from './coverage/clause-routes.js';
import { dashboardRoutes } from './http/dashboard-routes.js';
import { profileReviewRoutes } from './profile-review/profile-review.js';
import { summaryRoutes } from './summary/summary-route.js';
import { requestsModule, type TalkdeskCallDirectory } from './requests/index.js';
import { openRequestsFor } from './requests/open-requests.js';
import { retentionModule, type CallActivitySource } from './retention/index.js';
import { minimisationModule } from './minimisation/minimisation-module.js';
import { housekeepingModule } from './housekeeping/housekeeping-module.js';
import { policyNoticeModule } from './policy-notices/policy-notice-module.js';
import type { AppAuthenticator } from './http/app-auth.js';
import { TalkdeskCallsReport } from './connectors/talkdesk/calls-report.js';

/** Where Talkdesk call history comes from: its public API has no "calls of a contact" read. */
export interface CallHistorySources {
  talkdeskCalls?: TalkdeskCallDirectory;
  callActivity?: CallActivitySource;
}

/**
 * Production call history (C02, C14, C21): Talkdesk's calls report, one report per sweep or export
 * over the profile's retention window. Without Talkdesk there is nothing to read.
 */
export function talkdeskCallsReportSources(ctx: AppContext): CallHistorySources {
  if (!ctx.vendors.talkdesk) return {};
  const report = new TalkdeskCallsReport(ctx.vendors.talkdesk, { lookbackMonths: ctx.profile.retention.windowMonths, now: ctx.now });
  return { talkdeskCalls: report, callActivity: report };
}

/** The app pages, the summary, the dashboard and the audit ledger's routes. */
function appModule(auth: AppAuthenticator): ServiceModule {
  return {
    name: 'app',
    routes: (ctx) => [
      { path: '/', router: appPagesRouter({ auth, frameAncestors: ctx.config.demoMode ? "'self'" : `https://${new URL(ctx.config.vendors.zendesk.baseUrl).host}` }) },
      { path: '/', router: summaryRoutes(ctx, auth, openRequestsFor) },
      { path: '/', router: dashboardRoutes(ctx, auth) },
      { path: '/', router: profileReviewRoutes(ctx, auth) },
      { path: '/', router: auditRoutes(ctx, auth) },
      { path: '/', router: processorRoutes(ctx, auth) },
      { path: '/', router: clauseRoutes(auth) },
    ],
  };
}

/** The product's capabilities, in the order they see each webhook event. */
export function productModules(ctx: AppContext, auth: AppAuthenticator = createAppAuthenticator(ctx), sources: CallHistorySources = {}): ServiceModule[] {
  return [
    // First: a minor found at intake is restricted before the other modules act on the same event (C24, C27).
    minorIntakeModule(),
    ccEnforcementModule(),
    minimisationModule(),
    consentModule(auth),
    unsubscribeSubjectModule(),
    referralContactsModule(),
    surveyGateModule(),
    ccPrecheckModule(auth),
    requestsModule(auth, sources.talkdeskCalls ? { talkdeskCalls: sources.talkdeskCalls } : {}),
    retentionModule(auth, sources.callActivity ? { callActivity: sources.callActivity } : {}),
    housekeepingModule(),
    policyNoticeModule(auth),
    appModule(auth),
  ];
}
