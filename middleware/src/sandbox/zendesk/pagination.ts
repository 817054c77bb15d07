import type { Request, Response } from 'express';
import { baseUrlOf, queryOf } from '../vendor-gate.js';
import { sendInvalidPagination } from './responses.js';

// https://developer.zendesk.com/api-reference/introduction/pagination/

const MAX_PAGE_SIZE = 100;

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string): T | null {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    return null;
  }
}

/**
 * Answers a list endpoint with cursor pagination when any `page[...]` parameter is present and
 * offset pagination otherwise, as Zendesk's list endpoints do. `items` must already be sorted by
 * `keyOf` ascending; cursors carry that key, so deletions between pages skip nothing.
 */
export function sendPage<T>(
  req: Request,
  res: Response,
  options: {
    items: T[];
    key: string;
    keyOf: (item: T) => number;
    serialize: (item: T) => unknown;
    extra?: Record<string, unknown>;
  },
): void {
  const query = queryOf(req);
  const { items, key, keyOf, serialize } = options;
  const usesCursor = [...query.keys()].some((name) => name.startsWith('page['));
  const pageUrl = (params: Record<string, string>): string => {
    const next = new URLSearchParams(query);
    for (const [name, value] of Object.entries(params)) next.set(name, value);
    return `${baseUrlOf(req)}${req.path.replace(/\.json$/, '')}.json?${next.toString()}`;
  };

  if (usesCursor) {
    const size = Number(query.get('page[size]') ?? MAX_PAGE_SIZE);
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      sendInvalidPagination(res, `page[size] must be an integer from 1 to ${MAX_PAGE_SIZE}`);
      return;
    }
    const after = query.get('page[after]');
    const before = query.get('page[before]');
    let slice: T[];
    let hasMore: boolean;
    if (before) {
      const cursor = decodeCursor<{ k: number }>(before);
      if (!cursor || typeof cursor.k !== 'number') return sendInvalidPagination(res, 'page[before] is not a valid cursor');
      const earlier = items.filter((item) => keyOf(item) < cursor.k);
      slice = earlier.slice(Math.max(0, earlier.length - size));
      hasMore = earlier.length > size;
    } else {
      let start = 0;
      if (after) {
        const cursor = decodeCursor<{ k: number }>(after);
        if (!cursor || typeof cursor.k !== 'number') return sendInvalidPagination(res, 'page[after] is not a valid cursor');
        start = lowerBound(items, (item) => keyOf(item) > cursor.k);
      }
      slice = items.slice(start, start + size);
      hasMore = start + size < items.length;
    }
    const first = slice[0];
    const last = slice[slice.length - 1];
    const afterCursor = last === undefined ? null : encodeCursor({ k: keyOf(last) });
    const beforeCursor = first === undefined ? null : encodeCursor({ k: keyOf(first) });
    res.json({
      [key]: slice.map(serialize),
      ...options.extra,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: {
        next: hasMore && afterCursor ? pageUrl({ 'page[after]': afterCursor, 'page[size]': String(size) }) : null,
        prev: beforeCursor ? pageUrl({ 'page[before]': beforeCursor, 'page[size]': String(size) }) : null,
      },
    });
    return;
  }

  const perPage = Number(query.get('per_page') ?? MAX_PAGE_SIZE);
  const page = Number(query.get('page') ?? 1);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PAGE_SIZE || !Number.isInteger(page) || page < 1) {
    sendInvalidPagination(res, `page must be >= 1 and per_page from 1 to ${MAX_PAGE_SIZE}`);
    return;
  }
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  res.json({
    [key]: slice.map(serialize),
    ...options.extra,
    next_page: start + perPage < items.length ? pageUrl({ page: String(page + 1), per_page: String(perPage) }) : null,
    previous_page: page > 1 ? pageUrl({ page: String(page - 1), per_page: String(perPage) }) : null,
    count: items.length,
  });
}

/** First index whose item satisfies `isAfter` (items sorted so that the predicate is monotone). */
export function lowerBound<T>(items: readonly T[], isAfter: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const item = items[mid];
    if (item !== undefined && isAfter(item)) high = mid;
    else low = mid + 1;
  }
  return low;
}
