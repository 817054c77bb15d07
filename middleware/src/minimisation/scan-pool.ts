import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TransientError } from '../errors.js';
import { resetWorkCounter, scanText, workCounted, type Finding } from '../policy/pii/index.js';
import type { ScanReply, ScanRequest } from './scan-worker.js';

/** What a scan returns: the findings, and whether the comment was longer than the per-comment cap. */
export interface CommentScanResult {
  findings: Finding[];
  truncated: boolean;
  steps: number;
}

/** Scans comment text; the product's implementation runs it in worker threads. */
export interface CommentScanner {
  scan(text: string): Promise<CommentScanResult>;
  close(): Promise<void>;
}

export interface ScanPoolOptions {
  /** Worker threads; default: one per spare core, at least one, at most two. */
  size?: number;
  /** A scan taking longer than this ends its worker (a new one replaces it) and fails transiently. */
  timeoutMs?: number;
  /** Run the learned backstop too, whose findings are only flagged (SUSPECTED_SECRETS=flag); off by default. */
  suspectedSecrets?: boolean;
}

interface PendingScan {
  request: ScanRequest;
  resolve: (result: CommentScanResult) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  busy?: { scan: PendingScan; timer: NodeJS.Timeout };
}

/**
 * From `dist/` (`npm start`) the worker is the compiled JavaScript next to this file. Under tsx or
 * vitest (demo, tests) it is the TypeScript source, loaded through tsx's API: Node 20 does not apply
 * `--import tsx` to a worker's entry module, so a one-line CommonJS bootstrap imports it instead.
 */
function newScanWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./scan-worker.js', import.meta.url));
  const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api');
  const entry = new URL('./scan-worker.ts', import.meta.url).href;
  return new Worker(`require(${JSON.stringify(tsxApi)}).tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)});`, { eval: true, execArgv: [] });
}

/** Workers that crash this many times in a row without answering are not started again (the pool scans in-process). */
const MAX_CONSECUTIVE_CRASHES = 3;

function scanHere(text: string, suspectedSecrets: boolean): CommentScanResult {
  resetWorkCounter();
  const result = scanText(text, undefined, { scoredTokens: suspectedSecrets });
  return { findings: result.findings, truncated: result.truncated, steps: workCounted() };
}

/** A small pool of worker threads running the detectors; tasks wait in order when all are busy. */
export function createScanPool(options: ScanPoolOptions = {}): CommentScanner {
  const size = options.size ?? Math.min(2, Math.max(1, availableParallelism() - 1));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const suspectedSecrets = options.suspectedSecrets === true;
  let consecutiveCrashes = 0;
  let broken = false;
  const queue: PendingScan[] = [];
  const workers: PoolWorker[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): PoolWorker => {
    const pw: PoolWorker = { worker: newScanWorker() };
    pw.worker.unref();
    pw.worker.on('message', (reply: ScanReply) => {
      const busy = pw.busy;
      if (!busy || busy.scan.request.id !== reply.id) return;
      clearTimeout(busy.timer);
      pw.busy = undefined;
      consecutiveCrashes = 0;
      if (reply.error !== undefined) busy.scan.reject(new TransientError(`Comment scan worker failed (${reply.error}); the scan is retried.`));
      else busy.scan.resolve({ findings: reply.findings ?? [], truncated: reply.truncated ?? false, steps: reply.steps ?? 0 });
      dispatch();
    });
    const replace = (reason: string) => {
      const busy = pw.busy;
      pw.busy = undefined;
      if (busy) {
        clearTimeout(busy.timer);
        busy.scan.reject(new TransientError(`Comment scan worker ${reason}; the scan is retried.`));
      }
      const index = workers.indexOf(pw);
      if (index >= 0) workers.splice(index, 1);
      consecutiveCrashes++;
      if (consecutiveCrashes >= MAX_CONSECUTIVE_CRASHES) broken = true;
      if (!closed && !broken) {
        workers.push(spawn());
        dispatch();
      }
      if (broken) drainInProcess();
    };
    pw.worker.on('error', (error) => replace(`crashed (${error.name})`));
    pw.worker.on('exit', () => { if (workers.includes(pw)) replace('exited'); });
    return pw;
  };

  // Workers that cannot start (a broken install) must not stop redaction: scan on this thread instead.
  const drainInProcess = (): void => {
    for (const scan of queue.splice(0)) scan.resolve(scanHere(scan.request.text, suspectedSecrets));
  };

  const dispatch = (): void => {
    for (const pw of workers) {
      if (pw.busy) continue;
      const scan = queue.shift();
      if (!scan) return;
      const timer = setTimeout(() => {
        // A scan this slow means a detector misbehaves: stop the thread rather than wait for it.
        const index = workers.indexOf(pw);
        if (index >= 0) workers.splice(index, 1);
        const busy = pw.busy;
        pw.busy = undefined;
        void pw.worker.terminate();
        busy?.scan.reject(new TransientError(`Comment scan took longer than ${timeoutMs} ms; the worker was replaced and the scan is retried.`));
        if (!closed) {
          workers.push(spawn());
          dispatch();
        }
      }, timeoutMs);
      timer.unref();
      pw.busy = { scan, timer };
      pw.worker.postMessage(scan.request);
    }
  };

  for (let i = 0; i < size; i++) workers.push(spawn());

  return {
    scan(text) {
      if (closed) return Promise.reject(new TransientError('Comment scan pool is closed (the service is stopping); the scan is retried.'));
      if (broken) return Promise.resolve(scanHere(text, suspectedSecrets));
      return new Promise<CommentScanResult>((resolve, reject) => {
        queue.push({ request: { id: nextId++, text, suspectedSecrets }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const scan of queue.splice(0)) scan.reject(new TransientError('Comment scan pool closed; the scan is retried.'));
      const all = workers.splice(0);
      for (const pw of all) {
        if (pw.busy) {
          clearTimeout(pw.busy.timer);
          pw.busy.scan.reject(new TransientError('Comment scan pool closed; the scan is retried.'));
        }
      }
      await Promise.all(all.map((pw) => pw.worker.terminate()));
    },
  };
}
