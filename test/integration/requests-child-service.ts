/**
 * Test-only entry point for requests-crash.test.ts: the real service (config from the
 * environment, real storage, real queue) with the requests module, so the test can SIGKILL it
 * mid-erasure and start it again. Every caller is treated as an admin: the test has no Zendesk app.
 */
import { loadConfig } from '../../middleware/src/config.js';
import { startService } from '../../middleware/src/service.js';
import { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import { requestsModule } from '../../middleware/src/requests/index.js';

const config = loadConfig();
const auth = new AppAuthenticator({ sessionSecret: config.sessionSecret, publicKey: 'unused', lookupRole: async () => 'admin' });
const service = await startService(config, {
  modules: [requestsModule(auth, { leaseSeconds: 6, resumeIntervalMs: 1000, jobPollInitialMs: 100 })],
  pollingIntervalSeconds: 0.5,
});
service.logger.info({ url: service.url }, 'requests test service listening');
process.once('SIGTERM', () => {
  service.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
