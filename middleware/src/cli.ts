/**
 * The operator CLI: `npm run cli -- <command> [options]`. Commands register in COMMANDS; each
 * returns its exit code (0 ok, 1 failed, 2 configuration, 64 usage).
 */
import { ConfigError, loadConfig } from './config.js';
import { ProfileError } from './policy/load-profile.js';
import { createLogger } from './observability/logger.js';
import { AuditLedger } from './store/audit-ledger.js';
import { openDatabase } from './store/open-database.js';
import { sweepCommand, UsageError } from './retention/sweep-command.js';
import { startSweepSandbox } from './sandbox/cli-sandbox.js';
import { clausesCommand } from './coverage/clauses-command.js';
import { mutationCommand } from './coverage/mutation-command.js';
import { purgeExpiredCopies, WEBHOOK_ROW_KEEP_DAYS } from './housekeeping/purge-own-copies.js';

interface CommandIo {
  out: NodeJS.WriteStream;
  err: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

interface Command {
  summary: string;
  run(argv: readonly string[], io: CommandIo): Promise<number>;
}

/** Commands by name; a sub-command is its own entry (e.g. "audit verify"). */
const COMMANDS: Record<string, Command> = {
  sweep: {
    summary: 'retention sweep: dry run (preview), --approve <id>, --resume; --sandbox for a seeded sandbox',
    run: (argv, io) => sweepCommand(argv, io, { startSandbox: startSweepSandbox }),
  },
  'audit verify': {
    summary: 'recompute the audit ledger hash chain and name the first broken entry',
    async run(_argv, io) {
      const config = loadConfig(io.env);
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const result = await new AuditLedger(db, config.auditKey).verify();
        io.out.write(result.ok ? `audit ledger ok: ${result.checked} entries\n` : `audit ledger BROKEN at entry ${result.firstBrokenSeq}: ${result.reason} (${result.checked} verified before it)\n`);
        return result.ok ? 0 : 1;
      } finally {
        await db.close();
      }
    },
  },
  housekeeping: {
    summary: 'purge this service\'s own expired copies now (EXPORT_KEEP_DAYS, WEBHOOK_PAYLOAD_KEEP_DAYS), as the scheduled job does',
    async run(_argv, io) {
      const config = loadConfig(io.env);
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const result = await purgeExpiredCopies(
          { db, audit: new AuditLedger(db, config.auditKey), now: () => new Date() },
          { exportKeepDays: config.exportKeepDays, webhookPayloadKeepDays: config.webhookPayloadKeepDays },
        );
        io.out.write(`purged ${result.exportsPurged} export archive(s) older than ${config.exportKeepDays} days and ${result.webhookPayloadsPurged} webhook payload(s) older than ${config.webhookPayloadKeepDays} days; deleted ${result.webhookRowsDeleted} processed delivery row(s) past ${WEBHOOK_ROW_KEEP_DAYS} days\n`);
        return 0;
      } finally {
        await db.close();
      }
    },
  },
  clauses: {
    summary: 'clause coverage: per clause, its enforcing code and mutation score (from reports/mutation/mutation.json); --json, --write FILE, --report FILE',
    run: clausesCommand,
  },
  mutation: {
    summary: 'run Stryker on the enforcing code of every clause, then print the clause table; --changed: only modules changed since main',
    run: mutationCommand,
  },
};

function usage(): string {
  return ['Usage: npm run cli -- <command> [options]', '', ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`), ''].join('\n');
}

/** Finds the longest registered command name at the start of argv. */
function resolveCommand(argv: readonly string[]): { command: Command; rest: readonly string[] } | undefined {
  for (let words = Math.min(argv.length, 3); words > 0; words--) {
    const command = COMMANDS[argv.slice(0, words).join(' ')];
    if (command) return { command, rest: argv.slice(words) };
  }
  return undefined;
}

export async function main(argv: readonly string[], io: CommandIo = { out: process.stdout, err: process.stderr, env: process.env }): Promise<number> {
  const resolved = resolveCommand(argv);
  if (!resolved || argv.includes('--help')) {
    io.err.write(usage());
    return resolved || argv.length === 0 || argv.includes('--help') ? 0 : 64;
  }
  try {
    return await resolved.command.run(resolved.rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err.write(`${error.message}\n\n${usage()}`);
      return 64;
    }
    if (error instanceof ConfigError || error instanceof ProfileError) {
      io.err.write(`${error.message}\n`);
      return 2;
    }
    createLogger({ level: 'error' }).error({ errorName: (error as Error).name }, 'cli command failed');
    io.err.write(`${(error as Error).message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
