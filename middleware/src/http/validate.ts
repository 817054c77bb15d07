import type { z } from 'zod';
import { HttpError } from './http-error.js';

/** Parses input at the edge; a failure is a 400 naming the fields, never echoing their values. */
export function validateInput<T extends z.ZodType>(schema: T, input: unknown, what = 'request'): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 20).map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`);
  throw new HttpError(400, 'invalid_request', `The ${what} is not valid: ${issues.join('; ')}`, issues);
}
