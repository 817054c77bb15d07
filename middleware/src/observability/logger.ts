import pino, { type Logger, type DestinationStream } from 'pino';

/**
 * Paths pino censors wherever they appear in a log object. The product never logs a person's
 * e-mail, name, phone, comment text, a token or a signature (style habit 6); this list is the
 * second line of defence behind simply not passing such values to the logger.
 */
export const REDACTED_PATHS = [
  'email', '*.email', '*.*.email', 'emails', '*.emails',
  'name', '*.name', '*.*.name',
  'phone', '*.phone', '*.*.phone', 'phones', '*.phones',
  'body', '*.body', 'comment', '*.comment', 'html_body', '*.html_body', 'plain_body',
  'token', '*.token', 'access_token', '*.access_token', 'password', '*.password',
  'secret', '*.secret', 'secret_key', '*.secret_key', 'signature', '*.signature',
  'authorization', '*.authorization', 'req.headers.authorization', 'req.headers.cookie',
  'req.headers["x-zendesk-webhook-signature"]', 'headers.authorization',
];

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'privacy-guard' },
    },
    options.destination,
  );
}

export type { Logger };
