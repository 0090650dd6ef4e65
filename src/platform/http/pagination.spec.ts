import { decodeCursor, DEFAULT_LIMIT, encodeCursor, keysetPage, MAX_LIMIT, PageOf } from './pagination';
import { Problem } from './problem';

function problemOf(fn: () => unknown): Record<string, any> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(Problem);
    return (error as Problem).getResponse() as Record<string, any>;
  }
  throw new Error('expected a Problem');
}

describe('pagination', () => {
  it('has the documented limits', () => {
    expect(DEFAULT_LIMIT).toBe(50);
    expect(MAX_LIMIT).toBe(200);
  });

  describe('cursors', () => {
    it('round-trip their sort key values', () => {
      const values = ['2024-05-01T10:00:00.000Z', '3b0f6b9e-0c1c-4f5e-9a53-5a0c2f8e5b11'];
      const cursor = encodeCursor(values);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // URL-safe, no padding
      expect(decodeCursor(cursor, 2)).toEqual(values);
      expect(decodeCursor(encodeCursor([42]), 1)).toEqual([42]);
      expect(decodeCursor(encodeCursor(['ünïcödé / ? & =']), 1)).toEqual(['ünïcödé / ? & =']);
    });

    it.each([
      ['not base64 JSON', 'not-a-cursor!'],
      ['empty', ''],
      ['JSON object', Buffer.from('{"a":1}').toString('base64url')],
      ['wrong arity', encodeCursor(['a', 'b'])],
      ['null value', Buffer.from('[null]').toString('base64url')],
      ['nested value', Buffer.from('[["a"]]').toString('base64url')],
      ['boolean value', Buffer.from('[true]').toString('base64url')],
      ['object value', Buffer.from('[{"x":1}]').toString('base64url')],
      ['truncated', encodeCursor(['abcdef']).slice(0, 5)],
    ])('refuses a cursor that is %s with a 400 on cursor', (_, cursor) => {
      const body = problemOf(() => decodeCursor(cursor, 1));
      expect(body.status).toBe(400);
      expect(body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    });
  });

  describe('keysetPage', () => {
    const rows = [1, 2, 3, 4, 5].map((n) => ({ id: `id-${n}`, n }));
    type Row = { id: string; n: number };
    const key = (r: Row) => [r.id];
    const map = (r: Row) => r.n;

    it('returns a next cursor when the extra row exists, pointing at the last row shown', () => {
      const page = keysetPage(rows.slice(0, 3), 2, key, map);
      expect(page.items).toEqual([1, 2]);
      expect(decodeCursor(page.nextCursor!, 1)).toEqual(['id-2']);
    });

    it('returns a null cursor on the last page', () => {
      expect(keysetPage(rows.slice(0, 2), 2, key, map)).toEqual({ items: [1, 2], nextCursor: null });
      expect(keysetPage(rows.slice(0, 1), 2, key, map)).toEqual({ items: [1], nextCursor: null });
      expect(keysetPage([], 2, key, map)).toEqual({ items: [], nextCursor: null });
    });

    it('walks a whole list without gaps or repeats', () => {
      const seen: number[] = [];
      let after: string | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const start = after ? rows.findIndex((r) => r.id === decodeCursor(after!, 1)[0]) + 1 : 0;
        const page = keysetPage(rows.slice(start, start + 3), 2, key, map);
        seen.push(...page.items);
        if (!page.nextCursor) break;
        after = page.nextCursor;
      }
      expect(seen).toEqual([1, 2, 3, 4, 5]);
    });
  });

  it('names page schemas after their item', () => {
    class MemberDto {}
    expect(PageOf(MemberDto).name).toBe('MemberPageDto');
  });
});
