import type { ServerResponse } from 'node:http';

/**
 * Writes a small JSON answer directly. Webhook answers are read by Zendesk and LiveChat only:
 * Express's `res.json` work (ETag hashing, freshness check, charset negotiation) buys nothing
 * there, and it showed in the intake profile.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
