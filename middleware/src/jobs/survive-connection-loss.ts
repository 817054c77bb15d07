import type { Logger } from '../observability/logger.js';

const CONNECTION_LOST_CODES = new Set(['57P01', '57P02', '57P03', '08006', '08003', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/**
 * pg-boss 10 completes and fails jobs without awaiting them (manager.js, onFetch); while the
 * database restarts those rejections would end the process. They are harmless (the job expires
 * and is retried), so rejections that are lost database connections are logged and survived;
 * any other unhandled rejection still ends the process, as Node does by default.
 */
export function surviveDatabaseConnectionLoss(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    const error = reason as { code?: string; message?: string } | undefined;
    const connectionLost =
      CONNECTION_LOST_CODES.has(String(error?.code)) ||
      /Connection terminated|connection.*(closed|ended)|Client has encountered a connection error/i.test(String(error?.message));
    if (!connectionLost) throw reason;
    logger.warn({ code: error?.code }, 'database connection lost during a queue operation; the job will be retried');
  });
}
