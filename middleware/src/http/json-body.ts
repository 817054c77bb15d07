import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { HttpError } from './http-error.js';

/** The path of the first string (key or value) holding a NUL character, or undefined. */
function pathWithNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(body)' : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathWithNul(item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const itemPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return itemPath;
      const found = pathWithNul(item, itemPath);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * JSON bodies for the app API. PostgreSQL text cannot hold NUL (\u0000), so a body carrying one
 * is refused here with the field named, rather than failing later inside a query as a 500.
 */
export function jsonBody(limit = '100kb'): RequestHandler[] {
  const rejectNul = (req: Request, _res: Response, next: NextFunction) => {
    const field = pathWithNul(req.body, '');
    if (field) return next(new HttpError(400, 'invalid_request', `Text must not contain NUL (\\u0000) characters: ${field}.`, [field]));
    next();
  };
  return [express.json({ limit }), rejectNul];
}
