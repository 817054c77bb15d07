/**
 * The server the browser tests run against: the real middleware composed as `npm run demo` does
 * (test/helpers/demo-service.ts), on a seeded sandbox with a pinned clock. The fixture server
 * stays for the states the middleware cannot produce yet (holds, minors, requests, the admin
 * dashboard and clauses, retention previews); tests that use it say so in their name.
 */
import { startDemoService, type DemoService, type DemoServiceOptions } from '../helpers/demo-service.js';
import { startFixtureServer, type RunningServer } from './fixture-server.js';

export type { RunningServer };

export async function startServerUnderTest(options: DemoServiceOptions = {}): Promise<RunningServer & { demo: DemoService }> {
  const demo = await startDemoService(options);
  return { baseUrl: demo.url, demo, close: () => demo.stop() };
}

export { startFixtureServer };
