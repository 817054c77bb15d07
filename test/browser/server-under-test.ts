/**
 * The server the browser tests run against. Today the fixture server; when the middleware's
 * preview (`/preview/sidebar`, `/preview/admin`, `/preview/zaf/ticket/:id`) is ready, point this
 * import at it — the tests only use its base URL and the fixture ticket ids 1001-1003.
 */
export { startFixtureServer as startServerUnderTest } from './fixture-server.js';
