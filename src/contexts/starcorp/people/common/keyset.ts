import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';

/**
 * Keyset paging on any tuple of columns in one direction (ranks by level, ships by name or price,
 * members by username). The platform's `newestFirst` only knows (time, id) descending; DKP has the
 * same helper in its own folder, which a context may not import. Candidate for
 * `platform/http/pagination.ts`.
 */
export type KeyType = 'text' | 'int' | 'numeric' | 'uuid';

/** One column of the sort key: the SQL expression and its type. */
export type KeyColumn = readonly [expression: string, type: KeyType];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC = /^-?\d{1,20}(\.\d{1,4})?$/;

function validKey(value: unknown, type: KeyType): boolean {
  if (type === 'int') return typeof value === 'number' && Number.isSafeInteger(value);
  if (typeof value !== 'string') return false;
  if (type === 'uuid') return UUID.test(value);
  if (type === 'numeric') return NUMERIC.test(value);
  return value.length <= 300;
}

/** The decoded cursor, checked value by value: a value of the wrong shape is a 400, never a SQL error. */
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
    const params = Object.fromEntries(values.map((value, i) => [`key${i}`, value]));
    const left = columns.map(([expression]) => expression).join(', ');
    const right = columns.map(([, type], i) => `:key${i}::${type}`).join(', ');
    qb.andWhere(`(${left}) ${direction === 'ASC' ? '>' : '<'} (${right})`, params);
  }
  columns.forEach(([expression], i) =>
    i === 0 ? qb.orderBy(expression, direction) : qb.addOrderBy(expression, direction),
  );
  return qb.limit(page.limit + 1);
}
