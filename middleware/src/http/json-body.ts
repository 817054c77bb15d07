import express, { type NextFunction, type Request, type Response, type RequestHandler } from 'express';
import { HttpError } from './http-error.js';
import { MAX_JSON_DEPTH } from '../webhooks/json-guard.js';

type BodyProblem = { kind: 'nul'; path: string } | { kind: 'depth' };

/**
 * The first string (key or value) holding a NUL character, or a nesting deeper than the limit.
 * Walks with an explicit stack: a recursive walk of a deeply nested body overflows the call stack.
 */
function firstBodyProblem(body: unknown): BodyProblem | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { kind: 'nul', path: path || '(body)' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { kind: 'depth' };
    const entries = Array.isArray(value) ? value.map((item, index) => [`[${index}]`, item] as const) : Object.entries(value).map(([key, item]) => [key, item] as const);
    for (const [key, item] of entries.reverse()) {
      const itemPath = Array.isArray(value) ? `${path}${key}` : path ? `${path}.${key}` : key;
      if (!Array.isArray(value) && key.includes('\u0000')) return { kind: 'nul', path: itemPath };
      stack.push({ value: item, path: itemPath, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * JSON bodies for the app API; mount after authentication, so nobody without a session gets a
 * body parsed and walked. PostgreSQL text cannot hold NUL (\u0000), so a body carrying one is
 * refused here with the field named, rather than failing later inside a query as a 500; a body
 * nested deeper than any request of the API is refused as well.
 */
export function jsonBody(limit = '100kb'): RequestHandler[] {
  const rejectBadText = (req: Request, _res: Response, next: NextFunction) => {
    const problem = firstBodyProblem(req.body);
    if (problem?.kind === 'nul') return next(new HttpError(400, 'invalid_request', `Text must not contain NUL (\\u0000) characters: ${problem.path}.`, [problem.path]));
    if (problem?.kind === 'depth') return next(new HttpError(400, 'invalid_request', `The body nests deeper than ${MAX_JSON_DEPTH} levels.`, ['(body)']));
    next();
  };
  return [express.json({ limit }), rejectBadText];
}
