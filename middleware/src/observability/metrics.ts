import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry for the process; `/metrics` serves it. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const webhooksTotal = new Counter({
  name: 'privacy_guard_webhooks_total',
  help: 'Webhook deliveries by vendor and outcome (accepted, replayed, or the rejection reason).',
  labelNames: ['vendor', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const jobOutcomesTotal = new Counter({
  name: 'privacy_guard_job_outcomes_total',
  help: 'Job runs by kind and outcome (completed, retried, failed, dead_lettered).',
  labelNames: ['kind', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const queueDepth = new Gauge({
  name: 'privacy_guard_queue_depth',
  help: 'Jobs waiting per queue, sampled at scrape time.',
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
});

export const vendorCallsTotal = new Counter({
  name: 'privacy_guard_vendor_calls_total',
  help: 'Calls to vendor APIs by vendor, method and HTTP status (or "network" for no response).',
  labelNames: ['vendor', 'method', 'status'] as const,
  registers: [metricsRegistry],
});

export const vendorCallSeconds = new Histogram({
  name: 'privacy_guard_vendor_call_seconds',
  help: 'Vendor API call latency.',
  labelNames: ['vendor'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});
