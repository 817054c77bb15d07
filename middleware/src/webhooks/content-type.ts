import type { IncomingMessage } from 'node:http';

/**
 * True when the request declares a JSON body (`application/json`, any parameters, any case).
 * A direct header read: `req.is()` parses the whole media type through two libraries on every
 * delivery, and webhooks only ever need this one answer.
 */
export function declaresJsonBody(req: IncomingMessage): boolean {
  const header = req.headers['content-type'];
  if (!header) return false;
  const semicolon = header.indexOf(';');
  const mediaType = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  return mediaType === 'application/json';
}
