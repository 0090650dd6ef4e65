import { unwrap, type CallResult } from './unwrap';

/**
 * A page of a list, as every list of the API returns it: keyset lists give `nextCursor` (null on
 * the last page), offset lists give `total` (and may echo `offset` and `limit`).
 */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
  total?: number;
  offset?: number;
  limit?: number;
}

/**
 * Fetches one page. Keyset lists pass `cursor` on (`query: { cursor }`), offset lists pass
 * `offset` (`query: { offset }`); the first call gets neither (undefined cursor, offset 0).
 */
export type PageFetcher<T> = (cursor: string | undefined, offset: number) => Promise<CallResult<Page<T>>>;

/** Where the page after `page` starts, or undefined when `page` was the last. */
function nextPosition<T>(page: Page<T>, offset: number): { cursor?: string; offset: number } | undefined {
  if (typeof page.nextCursor === 'string' && page.nextCursor) return { cursor: page.nextCursor, offset };
  if (typeof page.total !== 'number' || page.items.length === 0) return undefined;
  const next = (page.offset ?? offset) + page.items.length;
  return next < page.total ? { offset: next } : undefined;
}

/**
 * Iterates the pages of a list, keyset or offset, fetching each as the previous one is used:
 * `for await (const page of pages((cursor) => api.GET(path, { params: { query: { cursor } } })))`.
 * Error responses are thrown as `ProblemError`.
 */
export async function* pages<T>(fetchPage: PageFetcher<T>): AsyncGenerator<Page<T>> {
  let position: { cursor?: string; offset: number } | undefined = { offset: 0 };
  while (position) {
    const page: Page<T> = await unwrap(fetchPage(position.cursor, position.offset));
    yield page;
    position = nextPosition(page, position.offset);
  }
}

/**
 * Iterates every item of a list, keyset or offset:
 * `for await (const m of paginate((cursor) => api.GET(path, { params: { query: { cursor } } })))`
 * `for await (const c of paginate((_, offset) => api.GET(path, { params: { query: { offset } } })))`.
 */
export async function* paginate<T>(fetchPage: PageFetcher<T>): AsyncGenerator<T> {
  for await (const page of pages(fetchPage)) yield* page.items;
}
