import type { ServiceModule } from '../service-module.js';
import { stripUnconsentedCcs } from './strip-unconsented-ccs.js';

/** C07/C08 on every ticket created/updated webhook. */
export function ccEnforcementModule(): ServiceModule {
  return {
    name: 'ccEnforcement',
    onZendeskEvent: async (event, ctx) => (await stripUnconsentedCcs(event, ctx)) as Record<string, unknown> | undefined,
  };
}
