import { spawn, type ChildProcess } from 'node:child_process';
import { waitForExit } from '../../helpers/child-service.js';

/** The middleware in a child process that the test may SIGKILL and start again on the same port and database. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private tail = '';
  private readonly signalledByTest = new Set<ChildProcess>();
  /** Processes started so far (the first start included). */
  starts = 0;
  /** Processes that exited without the test killing them: a crash. */
  readonly unexpectedExits: string[] = [];

  constructor(
    private readonly env: Record<string, string>,
    private readonly entry = 'test/reliability/support/reliability-service.ts',
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last 64 KB the processes wrote, for failure messages. */
  output(): string {
    return this.tail;
  }

  /** Starts the process and resolves when /healthz answers 200. */
  async start(timeoutMs = 60_000): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', this.entry], { env: { PATH: process.env.PATH ?? '', ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts++;
    const keep = (chunk: Buffer) => {
      this.tail = (this.tail + String(chunk)).slice(-65_536);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code, signal) => {
      if (!this.signalledByTest.has(child)) this.unexpectedExits.push(`pid ${child.pid} exited (code ${code}, signal ${signal}); its last output:\n${this.tail.slice(-4_000)}`);
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode} while starting:\n${this.tail}`);
      const healthy = await fetch(`${this.url}/healthz`).then((r) => r.status === 200, () => false);
      if (healthy) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`service did not become healthy within ${timeoutMs} ms:\n${this.tail}`);
  }

  /** SIGKILL: no shutdown code runs, in-flight requests and jobs are cut off. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    this.signalledByTest.add(child);
    child.kill('SIGKILL');
    await waitForExit(child);
  }

  /** SIGTERM and the exit code (0 after a graceful stop). */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child || !this.alive) return child?.exitCode ?? null;
    this.signalledByTest.add(child);
    child.kill('SIGTERM');
    return waitForExit(child);
  }
}
