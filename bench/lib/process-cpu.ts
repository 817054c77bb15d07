import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';

let ticksPerSecond: number | undefined;

/** User + system CPU time of a process in microseconds, from /proc (Linux); undefined when unreadable. */
export function processCpuMicros(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name start at field 3; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6;
  } catch {
    return undefined;
  }
}

/**
 * CPU spent by the PostgreSQL backends serving one database during a measurement. Backends come
 * and go with the client's pool, so their pids are polled and the last reading of each is kept.
 * Only meaningful when the server runs on this machine.
 */
export class PostgresBackendCpu {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;

  private constructor(private readonly client: pg.Client, private readonly databaseName: string) {}

  static async connect(adminUrl: string, databaseName: string): Promise<PostgresBackendCpu> {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
    await client.connect();
    return new PostgresBackendCpu(client, databaseName);
  }

  async start(intervalMs = 200): Promise<void> {
    this.first.clear();
    this.last.clear();
    await this.poll(true);
    this.timer = setInterval(() => {
      this.polling ??= this.poll(false).finally(() => (this.polling = undefined));
    }, intervalMs);
  }

  /** Stops polling and returns the CPU microseconds the database's backends used since start(). */
  async stop(): Promise<number> {
    clearInterval(this.timer);
    await this.polling;
    await this.poll(false);
    let micros = 0;
    for (const [pid, last] of this.last) micros += last - (this.first.get(pid) ?? 0);
    return micros;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.client.end().catch(() => undefined);
  }

  private async poll(initial: boolean): Promise<void> {
    const result = await this.client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [this.databaseName]);
    for (const { pid } of result.rows) {
      const micros = processCpuMicros(pid);
      if (micros === undefined) continue;
      if (initial) this.first.set(pid, micros);
      this.last.set(pid, micros);
    }
  }
}
