import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

export const RESULTS_PATH = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

const HEADER = '# Redaction detectors: evaluation and throughput\n\nWritten by `npx tsx bench/redaction/evaluate.ts` (evaluation section, replaced on each run) and\n`npx tsx bench/redaction/throughput.ts` (throughput runs, appended).\n';
const EVAL_BEGIN = '<!-- evaluation:begin -->';
const EVAL_END = '<!-- evaluation:end -->';
const THROUGHPUT_HEADING = '## Throughput runs';

/** One line naming date and machine, so numbers from different hosts are never compared blindly. */
export function machineLine(now: Date = new Date()): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const memoryGb = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${now.toISOString()} · ${cpu} · ${os.cpus().length} cores · ${memoryGb} GB RAM · Node ${process.version} · ${os.platform()} ${os.arch()}`;
}

function readOrInit(): string {
  return existsSync(RESULTS_PATH) ? readFileSync(RESULTS_PATH, 'utf8') : `${HEADER}\n${EVAL_BEGIN}\n${EVAL_END}\n\n${THROUGHPUT_HEADING}\n`;
}

export function writeEvaluationSection(markdown: string): void {
  const current = readOrInit();
  const begin = current.indexOf(EVAL_BEGIN);
  const end = current.indexOf(EVAL_END);
  const next = begin >= 0 && end > begin
    ? `${current.slice(0, begin + EVAL_BEGIN.length)}\n${markdown}\n${current.slice(end)}`
    : `${current}\n${EVAL_BEGIN}\n${markdown}\n${EVAL_END}\n`;
  writeFileSync(RESULTS_PATH, next);
}

export function appendThroughputRun(markdown: string): void {
  let current = readOrInit();
  if (!current.includes(THROUGHPUT_HEADING)) current += `\n${THROUGHPUT_HEADING}\n`;
  writeFileSync(RESULTS_PATH, `${current.trimEnd()}\n\n${markdown}\n`);
}
