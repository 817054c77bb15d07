/** One page of a cursor-paginated list, with the cursor to resume from (null at the end). */
export interface CursorPage<T> {
  items: T[];
  /** Pass back to fetch the next page; null when there is none. Store it to resume later. */
  nextCursor: string | null;
}

/**
 * Turns a page fetcher into an async iterator over items, starting from `startCursor`
 * (undefined = from the beginning). Stops when the vendor returns no next cursor, or repeats one.
 */
export async function* iterateCursorPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  startCursor?: string,
): AsyncGenerator<T, void, undefined> {
  let cursor = startCursor;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.items;
    if (page.nextCursor === null || page.nextCursor === cursor) return;
    cursor = page.nextCursor;
  }
}
