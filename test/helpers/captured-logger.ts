import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../middleware/src/observability/logger.js';

/** A real pino logger whose lines are kept in memory, so tests can scan what would have been logged. */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination: stream }), lines };
}
