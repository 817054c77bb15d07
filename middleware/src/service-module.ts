import type { Router } from 'express';
import type { AppContext } from './app-context.js';
import type { JobContext } from './jobs/queue.js';
import type { ZendeskWebhookEvent } from './webhooks/zendesk/payload-schema.js';
import type { LivechatWebhookEvent } from './jobs/webhook-event-job.js';

/**
 * One capability of the product (CC enforcement, consent API, requests, retention, redaction),
 * plugged into the service: its job workers, its routes, and what it does with webhook events.
 * Each event handler must be safe to run twice (a retried job runs every module again).
 */
export interface ServiceModule {
  name: string;
  registerJobs?(ctx: AppContext): Promise<void>;
  routes?(ctx: AppContext): Array<{ path: string; router: Router }>;
  onZendeskEvent?(event: ZendeskWebhookEvent, ctx: AppContext, job: JobContext): Promise<Record<string, unknown> | undefined>;
  onLivechatEvent?(event: LivechatWebhookEvent, ctx: AppContext, job: JobContext): Promise<Record<string, unknown> | undefined>;
  /** Runs after the server listens (schedulers); the returned function stops it. */
  start?(ctx: AppContext): Promise<(() => Promise<void>) | void>;
}
