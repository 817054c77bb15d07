import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSandbox, type Sandbox } from './create-sandbox.js';
import type { SandboxOptions } from './options.js';

/** A sandbox listening on 127.0.0.1; vendor base URLs are `${url}/zendesk` and so on. */
export interface SandboxServer {
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

/** Starts a sandbox on its own HTTP server (`port: 0` picks a free port), for tests. */
export async function startSandboxServer(options: SandboxOptions & { port?: number; host?: string } = {}): Promise<SandboxServer> {
  const { port = 0, host = '127.0.0.1', ...sandboxOptions } = options;
  const sandbox = createSandbox(sandboxOptions);
  const app = express();
  app.disable('x-powered-by');
  app.use(sandbox.router);
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const listening = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  // No idle timeout: a client reusing a kept-alive socket just as the server closed it got
  // ECONNRESET under load (tests saw it); close() ends every connection anyway.
  server.keepAliveTimeout = 0;
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    sandbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
