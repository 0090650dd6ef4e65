import { Type as ClassType } from '@nestjs/common';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ApiProperty } from '@nestjs/swagger';
import { Problem } from './problem';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
  total?: number;
}

/**
 * Keyset cursors are opaque to clients: base64url JSON of the last row's sort key. A cursor
 * that does not decode is a 400, not a 500.
 */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => ['string', 'number'].includes(typeof v))
    ) {
      return values;
    }
  } catch {
    // fall through to the problem below
  }
  throw Problem.validation([{ path: 'cursor', message: 'cursor is not valid for this list' }]);
}

/**
 * Builds a keyset page from rows fetched with `limit + 1`: the extra row only tells whether a
 * next page exists.
 */
export function keysetPage<R, T>(
  rows: R[],
  limit: number,
  sortKey: (row: R) => unknown[],
  map: (row: R) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(sortKey(pageRows[pageRows.length - 1])) : null,
  };
}

/** The (time, id) of a `newestFirst` cursor, or 400 `cursor is not valid for this list`. */
export function timeAndIdCursor(cursor: string): [string, string] {
  const [time, id] = decodeCursor(cursor, 2);
  if (Number.isNaN(Date.parse(String(time))) || !/^[0-9a-f-]{36}$/i.test(String(id))) {
    throw Problem.validation([{ path: 'cursor', message: 'cursor is not valid for this list' }]);
  }
  return [String(time), String(id)];
}

/**
 * Newest-first keyset paging on a (time, id) pair: orders the query, continues after the
 * cursor and fetches one row more than the page (for `keysetPage`). Deep pages cost the same as
 * the first, and rows inserted meanwhile never shift a page.
 */
export function newestFirst<Q extends SelectQueryBuilder<ObjectLiteral>>(
  qb: Q,
  timeColumn: string,
  idColumn: string,
  page: { limit: number; cursor?: string },
): Q {
  if (page.cursor) {
    const [time, id] = timeAndIdCursor(page.cursor);
    qb.andWhere(`(${timeColumn}, ${idColumn}) < (:cursorTime::timestamptz, :cursorId::uuid)`, {
      cursorTime: time,
      cursorId: id,
    });
  }
  return qb
    .orderBy(timeColumn, 'DESC')
    .addOrderBy(idColumn, 'DESC')
    .limit(page.limit + 1);
}

/** The sort key of a row paged by `newestFirst`, for its cursor. */
export const timeAndId = (time: Date | string, id: string): unknown[] => [new Date(time).toISOString(), id];

/**
 * The OpenAPI schema of a page of `item`, e.g. `PageOf(MemberDto)` is `MemberPageDto`. One class
 * per item type so that SDK users get a named, typed page.
 */
export function PageOf<T>(item: ClassType<T>): ClassType<Page<T>> {
  class PageDto {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({
      type: String,
      nullable: true,
      required: false,
      description: 'Pass as `cursor` for the next page; null on the last page',
    })
    nextCursor?: string | null;

    @ApiProperty({ type: Number, required: false, description: 'Total rows, for lists paged by `offset`' })
    total?: number;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  return PageDto;
}
