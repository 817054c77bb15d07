import type { AppContext } from './app-context.js';
import type { ServiceModule } from './service-module.js';
import { ccEnforcementModule } from './cc-enforcement/cc-enforcement-module.js';
import { consentModule } from './consent/consent-module.js';
import { createAppAuthenticator } from './http/create-authenticator.js';
import { appPagesRouter } from './http/app-pages.js';
import { auditRoutes } from './http/audit-routes.js';
import { processorRoutes } from './http/processor-routes.js';
import { clauseRoutes } from './coverage/clause-routes.js';
import { summaryRoutes } from './summary/summary-route.js';
import type { AppAuthenticator } from './http/app-auth.js';

/** The app pages, the summary and the audit ledger's routes. */
function appModule(auth: AppAuthenticator): ServiceModule {
  return {
    name: 'app',
    routes: (ctx) => [
      { path: '/', router: appPagesRouter({ auth, frameAncestors: ctx.config.demoMode ? "'self'" : `https://${new URL(ctx.config.vendors.zendesk.baseUrl).host}` }) },
      { path: '/', router: summaryRoutes(ctx, auth) },
      { path: '/', router: auditRoutes(ctx, auth) },
      { path: '/', router: processorRoutes(ctx, auth) },
      { path: '/', router: clauseRoutes(auth) },
    ],
  };
}

/** The product's capabilities, in the order they see each webhook event. */
export function productModules(ctx: AppContext, auth: AppAuthenticator = createAppAuthenticator(ctx)): ServiceModule[] {
  return [ccEnforcementModule(), consentModule(auth), appModule(auth)];
}
