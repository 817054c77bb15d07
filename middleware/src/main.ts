import { loadConfig, ConfigError } from './config.js';
import { startService, type RunningService } from './service.js';
import { createLogger } from './observability/logger.js';
import { ProfileError } from './policy/load-profile.js';
import { productModules, talkdeskCallsReportSources } from './modules.js';
import { surviveDatabaseConnectionLoss } from './jobs/survive-connection-loss.js';

/** Production entry point: parse configuration (exit 2 when invalid), start, stop on SIGTERM/SIGINT. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  surviveDatabaseConnectionLoss(logger);
  // The handlers come first: the service answers (and its workers run jobs) before startService returns, while the
  // modules' schedulers start, and a SIGTERM in that window used to end the process without stopping it.
  let service: RunningService | undefined;
  let stopSignal: string | undefined;
  const shutdown = (signal: string) => {
    stopSignal = signal;
    if (!service) return; // still starting: stopped as soon as it is up
    logger.info({ signal }, 'shutting down');
    service.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  try {
    service = await startService(config, { logger, modules: (ctx) => productModules(ctx, undefined, talkdeskCallsReportSources(ctx)) });
  } catch (error) {
    if (error instanceof ProfileError) {
      process.stderr.write(`Invalid policy profile (POLICY_PROFILE=${config.policyProfile}):\n${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  logger.info({ url: service.url, engine: service.db.engine, profile: config.policyProfile }, 'privacy guard listening');
  if (stopSignal) shutdown(stopSignal);
}

main().catch((error: Error) => {
  process.stderr.write(`privacy guard failed to start: ${error.message}\n`);
  process.exit(1);
});
