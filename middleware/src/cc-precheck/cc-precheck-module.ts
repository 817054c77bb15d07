import type { ServiceModule } from '../service-module.js';
import type { AppAuthenticator } from '../http/app-auth.js';
import { ccCheckRoutes } from './cc-check-routes.js';

/** C07 before the save: the sidebar's CC check and the audited admin override. */
export function ccPrecheckModule(auth: AppAuthenticator): ServiceModule {
  return { name: 'cc-precheck', routes: (ctx) => [{ path: '/', router: ccCheckRoutes(ctx, auth) }] };
}
