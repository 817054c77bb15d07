import { readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';

/** What a benchmark result must name so figures from different hosts are never compared blindly. */
export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1-, 5- and 15-minute load averages when the description was taken. */
  loadAverage: [number, number, number];
  /** Linux PSI: % of the last 10 s in which some runnable task waited for a CPU (undefined elsewhere). */
  cpuPressurePercent?: number;
}

export function describeMachine(): MachineDescription {
  const [one, five, fifteen] = os.loadavg();
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    loadAverage: [one!, five!, fifteen!],
    cpuPressurePercent: cpuPressure(),
  };
}

/** `some avg10` of /proc/pressure/cpu: how much of the last 10 s runnable work waited for a core. */
export function cpuPressure(): number | undefined {
  try {
    const match = /some avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function formatLoadAverage(load: readonly number[]): string {
  return load.map((value) => value.toFixed(2)).join(' / ');
}

export function machineMarkdown(machine: MachineDescription, postgresVersion?: string): string {
  return [
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.platform}`,
    `- Node: ${machine.node}${postgresVersion ? `; PostgreSQL: ${postgresVersion}` : ''}`,
    `- Load average at start (1/5/15 min): ${formatLoadAverage(machine.loadAverage)} on ${machine.cores} cores` +
      (machine.cpuPressurePercent === undefined ? '' : `; CPU pressure (PSI some avg10) ${machine.cpuPressurePercent.toFixed(0)}%`) +
      '. The host is shared with other work (test suites, builds, other benchmarks), so figures are noisy and lower than on an idle machine.',
  ].join('\n');
}

/** "PostgreSQL 15.20" from `SHOW server_version`, or undefined when the server is unreachable. */
export async function postgresServerVersion(connectionString: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return `PostgreSQL ${result.rows[0]?.server_version ?? '?'}`;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
