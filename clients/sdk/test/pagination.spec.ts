import { pages, paginate, ProblemError, type Page } from '@quartermaster/sdk';

/** A call result as the client returns it, for a page or a problem. */
function result<T>(page: Page<T> | { status: number; problem: object }) {
  if ('status' in page) {
    return Promise.resolve({ error: page.problem, response: new Response(null, { status: page.status }) });
  }
  return Promise.resolve({ data: page, response: new Response(null, { status: 200 }) });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

describe('paginate', () => {
  it('follows nextCursor until it is null, passing each cursor on', async () => {
    const cursors: (string | undefined)[] = [];
    const rows = ['a', 'b', 'c', 'd', 'e'];
    const items = await collect(
      paginate<string>((cursor) => {
        cursors.push(cursor);
        const start = cursor ? Number(cursor) : 0;
        const next = start + 2 < rows.length ? String(start + 2) : null;
        return result({ items: rows.slice(start, start + 2), nextCursor: next });
      }),
    );
    expect(items).toEqual(rows);
    expect(cursors).toEqual([undefined, '2', '4']);
  });

  it('walks an offset list by the items received until total is reached', async () => {
    const offsets: number[] = [];
    const rows = Array.from({ length: 7 }, (_, i) => i);
    const items = await collect(
      paginate<number>((_cursor, offset) => {
        offsets.push(offset);
        return result({ items: rows.slice(offset, offset + 3), total: rows.length });
      }),
    );
    expect(items).toEqual(rows);
    expect(offsets).toEqual([0, 3, 6]);
  });

  it('uses the offset a page echoes, and stops on an empty page even if total says more', async () => {
    const offsets: number[] = [];
    const items = await collect(
      paginate<number>((_cursor, offset) => {
        offsets.push(offset);
        if (offset === 0) return result({ items: [1, 2], total: 10, offset: 0, limit: 2 });
        return result({ items: [], total: 10, offset, limit: 2 });
      }),
    );
    expect(items).toEqual([1, 2]);
    expect(offsets).toEqual([0, 2]);
  });

  it('stops after a single page without cursor or total', async () => {
    let calls = 0;
    const all = await collect(
      pages<number>(() => {
        calls += 1;
        return result({ items: [1] });
      }),
    );
    expect(all).toEqual([{ items: [1] }]);
    expect(calls).toBe(1);
  });

  it('throws the problem of an error response', async () => {
    const failing = paginate<number>(() =>
      result({ status: 403, problem: { type: 'https://x/problems/insufficient-tier', title: 'Forbidden' } }),
    );
    const error = await collect(failing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ status: 403, slug: 'insufficient-tier' });
  });
});
