import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isCalendarDate } from './calendar-date';
import { decodeCursor } from './pagination';
import { Problem } from './problem';

/**
 * Keyset paging on any tuple of columns in one direction (ranks by order, ships by price, tanks by
 * code, parking by airport/order/code): the general form of `newestFirst`, which only knows
 * (time, id) descending. Deep pages cost the same as the first, and rows inserted meanwhile never
 * shift a page.
 */

/** How a cursor value is checked and cast; a value of the wrong shape is a 400, never a SQL error. */
export type KeyType = 'text' | 'int' | 'numeric' | 'uuid' | 'timestamptz' | 'date';

/** One column of the sort key: the SQL expression and its type. */
export type KeyColumn = readonly [expression: string, type: KeyType];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC = /^-?\d{1,20}(\.\d{1,4})?$/;
/** Longer than any sort-key text the lists store; a longer value cannot come from a page we served. */
const MAX_TEXT = 300;

function validKey(value: unknown, type: KeyType): boolean {
  if (type === 'int') return typeof value === 'number' && Number.isSafeInteger(value);
  if (typeof value !== 'string') return false;
  if (type === 'uuid') return UUID.test(value);
  if (type === 'numeric') return NUMERIC.test(value);
  if (type === 'timestamptz') return !Number.isNaN(Date.parse(value));
  if (type === 'date') return isCalendarDate(value);
  return value.length <= MAX_TEXT;
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
 * Orders the query by `columns` (all ascending or all descending), continues after the cursor (one
 * row-value comparison, so one index range scan) and fetches one row more than the page, for
 * `keysetPage`.
 */
export function keysetBy<Q extends SelectQueryBuilder<ObjectLiteral>>(
  qb: Q,
  columns: readonly KeyColumn[],
  page: { limit: number; cursor?: string },
  direction: 'ASC' | 'DESC' = 'ASC',
): Q {
  if (page.cursor) {
    const values = decodeKey(page.cursor, columns);
    const params = Object.fromEntries(values.map((value, i) => [`keysetKey${i}`, value]));
    const left = columns.map(([expression]) => expression).join(', ');
    const right = columns.map(([, type], i) => `:keysetKey${i}::${type}`).join(', ');
    qb.andWhere(`(${left}) ${direction === 'ASC' ? '>' : '<'} (${right})`, params);
  }
  columns.forEach(([expression], i) =>
    i === 0 ? qb.orderBy(expression, direction) : qb.addOrderBy(expression, direction),
  );
  return qb.limit(page.limit + 1);
}
