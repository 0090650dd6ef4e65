import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';

/**
 * Keyset paging in ascending order on any tuple of columns (pools by name, ranks by order, ownership
 * periods by time, attendees by name): the counterpart of the platform's `newestFirst`, which only
 * knows (time, id) descending. The DKP lists that were bare arrays use it so every list is a page.
 * Candidate for `platform/http/pagination.ts`.
 */

/** How a cursor value is checked and cast; a value of the wrong shape is a 400, never a SQL error. */
export type KeyType = 'text' | 'int' | 'timestamptz' | 'uuid';

/** One column of the sort key: the SQL expression and its type. */
export type KeyColumn = readonly [expression: string, type: KeyType];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validKey(value: unknown, type: KeyType): boolean {
  if (type === 'int') return typeof value === 'number' && Number.isSafeInteger(value);
  if (typeof value !== 'string') return false;
  if (type === 'uuid') return UUID.test(value);
  if (type === 'timestamptz') return !Number.isNaN(Date.parse(value));
  return value.length <= 200;
}

/** The decoded cursor, checked value by value against the key's columns. */
export function decodeKey(cursor: string, columns: readonly KeyColumn[]): unknown[] {
  const values = decodeCursor(cursor, columns.length);
  if (!values.every((value, i) => validKey(value, columns[i][1]))) {
    throw Problem.validation([{ path: 'cursor', message: 'cursor is not valid for this list' }]);
  }
  return values;
}

/**
 * Orders the query by `columns` ascending, continues after the cursor (a row-value comparison, so
 * one index range scan) and fetches one row more than the page, for `keysetPage`.
 */
export function ascendingBy<Q extends SelectQueryBuilder<ObjectLiteral>>(
  qb: Q,
  columns: readonly KeyColumn[],
  page: { limit: number; cursor?: string },
): Q {
  if (page.cursor) {
    const values = decodeKey(page.cursor, columns);
    const params = Object.fromEntries(values.map((value, i) => [`key${i}`, value]));
    const left = columns.map(([expression]) => expression).join(', ');
    const right = columns.map(([, type], i) => `:key${i}::${type}`).join(', ');
    qb.andWhere(`(${left}) > (${right})`, params);
  }
  columns.forEach(([expression], i) => (i === 0 ? qb.orderBy(expression, 'ASC') : qb.addOrderBy(expression, 'ASC')));
  return qb.limit(page.limit + 1);
}
