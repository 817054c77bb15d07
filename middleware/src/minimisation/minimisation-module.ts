import type { ServiceModule } from '../service-module.js';
import { commentScanJobId, commentScanRequestFor } from './comment-scan-request.js';
import { createScanPool, type CommentScanner } from './scan-pool.js';
import { scanTicketComments, type CommentScanJobData } from './scan-ticket-comments.js';
import { scanCarriedComment } from './carried-comment-scan.js';

/**
 * C03-C06 on ticket webhooks. When the trigger body carries the only unscanned comment and it
 * has nothing to act on, the webhook job records it as scanned itself; otherwise it enqueues a
 * `comment-scan` job: the scan calls
 * Zendesk several times (list, redact, note), so it gets its own retries and concurrency, and a
 * failing redaction never re-runs the other modules' work for the same event.
 */
export function minimisationModule(options: { scanner?: CommentScanner } = {}): ServiceModule {
  // Detectors run in worker threads, started with the first scan, so a huge comment never stalls the event loop.
  let pool: CommentScanner | undefined = options.scanner;
  // Read from the configuration when the jobs are registered, before any scan.
  let suspectedSecrets = false;
  const scanner = (): CommentScanner => (pool ??= createScanPool({ suspectedSecrets }));
  return {
    name: 'minimisation',
    registerJobs: async (ctx) => {
      suspectedSecrets = ctx.config.suspectedSecrets === 'flag';
      await ctx.queue.work<CommentScanJobData>('comment-scan', (data, job) => scanTicketComments(data, ctx, job, scanner()));
    },
    start: async () => async () => {
      if (pool && !options.scanner) await pool.close();
      pool = options.scanner;
    },
    onZendeskEvent: async (event, ctx, job) => {
      const request = commentScanRequestFor(event);
      if (!request) return undefined;
      // The trigger body often settles it: no job, no Zendesk call.
      const settled = await scanCarriedComment(event, ctx, scanner);
      if (settled) return settled;
      const scanJobId = await ctx.queue.enqueue('comment-scan', request, { id: commentScanJobId(job.jobId) });
      return { commentScan: scanJobId ? 'queued' : 'already_queued', ticketId: request.ticketId };
    },
  };
}
