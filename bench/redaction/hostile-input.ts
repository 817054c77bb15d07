/**
 * Hostile comments: the worst detector time per 100 KB over adversarial inputs, and how fast /healthz
 * answers while a 1 MB comment is being scanned (worker pool) compared with scanning on the event loop.
 *
 *   npx tsx bench/redaction/hostile-input.ts
 *
 * The inputs are this file's list plus every unit of the linear-time test (test/fixtures/redaction/adversarial-inputs.ts).
 * Each adversarial input is scanned at 100 KB (and the digit ones also at 1 MB) five times after a
 * warm-up; the median is reported. The /healthz part starts the real service (PGlite in memory)
 * with the minimisation module and its worker pool, scans three 1 MB comments through the pool
 * while polling /healthz every 20 ms, then does the same with the scan on the main thread.
 * Appends a section to bench/redaction/RESULTS.md with date and machine.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { detectSensitiveData } from '../../middleware/src/policy/pii/index.js';
import { createScanPool, minimisationModule } from '../../middleware/src/minimisation/index.js';
import { startService } from '../../middleware/src/service.js';
import { openDatabase } from '../../middleware/src/store/open-database.js';
import { createLogger } from '../../middleware/src/observability/logger.js';
import { testConfig } from '../../test/helpers/test-config.js';
import { appendThroughputRun, machineLine } from './results-file.js';
import { ADVERSARIAL as LINEAR_TIME_INPUTS } from '../../test/fixtures/redaction/adversarial-inputs.js';

const repeatTo = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const ADVERSARIAL: Record<string, string> = {
  '"1 1 1 …" (digits, single spaces)': '1 ',
  '"1-1-1-…" (digits, dashes)': '1-',
  '"1.1.1.…" (digits, dots)': '1.',
  '"4111 " repeated': '4111 ',
  '"4111-" repeated': '4111-',
  'one digit run': '4',
  'groups with double spaces': '4111  ',
  'groups split by &nbsp;': '4111&nbsp;',
  'groups split by <b>': '4111<b>',
  'groups across "> " quoted lines': '4111\n> ',
  '"password " repeated': 'password ',
  '"password: " repeated': 'password: ',
  '"DB_PASSWORD=" repeated': 'DB_PASSWORD=',
  '"mysql -u " repeated': 'mysql -u ',
  '"curl -u a:" repeated': 'curl -u a:',
  '"token: " repeated': 'token: ',
  '"login/password: " repeated': 'login/password: ',
  '"credentials " repeated': 'credentials ',
  'BEGIN PRIVATE KEY lines': '-----BEGIN RSA PRIVATE KEY-----\n',
  '"a://b:" repeated': 'a://b:',
  '"eyJ." repeated': 'eyJ.',
  '"Bearer " repeated': 'Bearer ',
  'one long line of letters': 'abcdefgh',
  'capitals only': 'A',
  'spaces only': ' ',
  'newlines only': '\n',
  '"krankheit " repeated': 'krankheit ',
  '"https://1.2.3.4\\nadmin / x1" repeated': 'https://1.2.3.4\nadmin / x1\n',
  'IP addresses on one line': '10.0.0.1 ',
  'groups split by styled <span>': '4111<span style="font-family:Calibri,sans-serif;font-size:11pt;color:#1f1f1f">',
  'digits then unclosed tags': '4<span style="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ',
  'groups split by zero-width spaces': '4111\u200b',
  'digit blocks wrapped by bare line breaks': '41111\n',
  '"pro con dis " repeated (term prefixes)': 'pro con dis ',
  '"https://a.b\\nroot\\nS3cret1" repeated': 'https://a.b\nroot\nS3cret1\n',
  'groups across "<br>&gt; " quoted lines': '4111<br>&gt; ',
  'digits across CRLF ">> " quoted lines': '1\r\n>> ',
  'groups split by &shy;': '4111&shy;',
  'single digits on lines of their own': '4\n',
  'single digits on quoted lines': '4\n> ',
  'groups split by <wbr>': '4111<wbr>',
  'groups split by numeric entities': '4111&#8194;',
  '"4111.Thanks " repeated': '4111.Thanks ',
  'groups across </p><p>': '4111</p>\r\n<p>',
  'digit, line break, 200 quote markers': '4\n' + '>'.repeat(200) + ' ',
};

function medianMs(text: string, runs = 5): number {
  detectSensitiveData(text);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    detectSensitiveData(text);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

async function healthDuringScans(scan: (text: string) => Promise<unknown>, url: string, comment: string): Promise<{ latencies: number[]; scanMs: number; longestSilenceMs: number }> {
  const latencies: number[] = [];
  const answeredAt: number[] = [];
  let scanning = true;
  const poll = (async () => {
    while (scanning) {
      const t0 = performance.now();
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      // Every request sent while scans were running counts, also one answered after they ended.
      latencies.push(performance.now() - t0);
      answeredAt.push(performance.now());
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await new Promise((r) => setTimeout(r, 60));
  const t0 = performance.now();
  // A macrotask turn between scans, as between jobs; a scan on the event loop still blocks for its whole length.
  for (let i = 0; i < 3; i++) {
    await scan(comment);
    await new Promise((r) => setImmediate(r));
  }
  const t1 = performance.now();
  const scanMs = (t1 - t0) / 3;
  scanning = false;
  await poll;
  // The longest stretch of the scanning period with no /healthz answer: what a load balancer's probe would wait.
  const marks = [t0, ...answeredAt.filter((t) => t > t0 && t < t1), t1];
  let longestSilenceMs = 0;
  for (let i = 1; i < marks.length; i++) longestSilenceMs = Math.max(longestSilenceMs, marks[i]! - marks[i - 1]!);
  return { latencies, scanMs, longestSilenceMs };
}

async function main(): Promise<void> {
  const load = os.loadavg()[0]!.toFixed(2);
  const rows: string[] = [];
  let worst = { name: '', msPer100k: 0 };
  // This file's own inputs, then every unit of the linear-time test not among them (its newer pattern families).
  const ownUnits = new Set(Object.values(ADVERSARIAL));
  const inputs: [string, string][] = [
    ...Object.entries(ADVERSARIAL),
    ...Object.entries(LINEAR_TIME_INPUTS).filter(([, unit]) => !ownUnits.has(unit)).map(([name, unit]): [string, string] => [`${name} (linear-time test)`, unit]),
  ];
  for (const [name, unit] of inputs) {
    const ms = medianMs(repeatTo(unit, 100_000));
    rows.push(`| ${name} | 100 KB | ${ms.toFixed(1)} | ${ms.toFixed(1)} |`);
    if (ms > worst.msPer100k) worst = { name, msPer100k: ms };
    process.stdout.write(`${name}: ${ms.toFixed(1)} ms / 100 KB\n`);
  }
  for (const unit of ['1 ', '4111 ', '1-', 'password: ']) {
    const ms = medianMs(repeatTo(unit, 1_000_000), 3);
    const per100k = ms / 10;
    rows.push(`| "${unit.replace('\n', '\\n')}" repeated | 1 MB | ${ms.toFixed(1)} | ${per100k.toFixed(1)} |`);
    if (per100k > worst.msPer100k) worst = { name: `"${unit}" repeated, 1 MB`, msPer100k: per100k };
    process.stdout.write(`1 MB of "${unit}": ${ms.toFixed(1)} ms\n`);
  }

  // /healthz while a 1 MB hostile comment is scanned.
  const db = await openDatabase({ inMemory: true });
  const pool = createScanPool();
  const service = await startService(testConfig({ ZENDESK_BASE_URL: 'http://127.0.0.1:9/zendesk' }), { db, logger: createLogger({ level: 'silent' }), modules: [minimisationModule({ scanner: pool })] });
  const comment = `card ${repeatTo('4111 1-1-1 password: ', 1_048_576)}`;
  const idle = await healthDuringScans(async () => new Promise((r) => setTimeout(r, 500)), service.url, comment);
  const pooled = await healthDuringScans((text) => pool.scan(text), service.url, comment);
  const inline = await healthDuringScans(async (text) => detectSensitiveData(text), service.url, comment);
  await service.stop();
  await pool.close();
  await db.close();

  const fmt = (xs: number[]) => `${xs.length} | ${quantile(xs, 0.5).toFixed(1)} | ${quantile(xs, 0.99).toFixed(1)} | ${Math.max(...xs, 0).toFixed(1)}`;
  const markdown = [
    `### Hostile input ${machineLine()}`,
    '',
    '`npx tsx bench/redaction/hostile-input.ts` · detectSensitiveData, single thread, median of 5 runs after a warm-up.',
    `1-minute load average at start: ${load} on ${os.cpus().length} cores (the host is shared; times are upper bounds).`,
    '',
    '| adversarial input | size | ms (median) | ms per 100 KB |',
    '|---|---|---:|---:|',
    ...rows,
    '',
    `Worst case: ${worst.msPer100k.toFixed(1)} ms per 100 KB (${worst.name}); target ≤ 50 ms per 100 KB: ${worst.msPer100k <= 50 ? 'met' : 'NOT met'}.`,
    '',
    `/healthz polled every 20 ms while three 1 MB hostile comments are scanned one after another (real service, PGlite in memory):`,
    '',
    '| scanning | scan ms per 1 MB comment | /healthz answers | p50 ms | p99 ms | max ms | longest time without an answer, ms |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| nothing (baseline, same run) | — | ${fmt(idle.latencies)} | ${idle.longestSilenceMs.toFixed(0)} |`,
    `| worker pool (the product) | ${pooled.scanMs.toFixed(0)} | ${fmt(pooled.latencies)} | ${pooled.longestSilenceMs.toFixed(0)} |`,
    `| on the event loop (before) | ${inline.scanMs.toFixed(0)} | ${fmt(inline.latencies)} | ${inline.longestSilenceMs.toFixed(0)} |`,
    '',
    `While the pool scans, /healthz answers at p50 in ${quantile(pooled.latencies, 0.5).toFixed(1)} ms and at most in ${Math.max(...pooled.latencies).toFixed(1)} ms (target ≤ 100 ms: ${Math.max(...pooled.latencies) <= 100 ? 'met' : 'NOT met'}; with nothing scanning, the same host's max was ${Math.max(...idle.latencies).toFixed(1)} ms).`,
  ].join('\n');
  console.log(`\n${markdown}`);
  appendThroughputRun(markdown);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
