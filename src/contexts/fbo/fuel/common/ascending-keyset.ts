import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { isCalendarDate } from '../training/certification-expiry';

/**
 * Keyset paging in ascending (text, id) order, for the fuel lists sorted by a code or a name
 * (tanks by tankId, fuelers by name, courses by name): the counterpart of the platform's
 * `newestFirst`, which only pages (time, id) descending. Candidate for platform/http/pagination.ts.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function textThenId<Q extends SelectQueryBuilder<ObjectLiteral>>(
  qb: Q,
  textColumn: string,
  idColumn: string,
  page: { limit: number; cursor?: string },
  /** The column's SQL type, for the cursor value's cast (`date` columns page by their ISO text). */
  type: 'text' | 'date' = 'text',
): Q {
  if (page.cursor) {
    const [text, id] = decodeCursor(page.cursor, 2);
    const badDate = type === 'date' && (typeof text !== 'string' || !isCalendarDate(text));
    if (badDate || typeof text !== 'string' || text.length > 200 || typeof id !== 'string' || !UUID.test(id))
      throw Problem.validation([{ path: 'cursor', message: 'cursor is not valid for this list' }]);
    qb.andWhere(`(${textColumn}, ${idColumn}) > (:cursorText::${type}, :cursorId::uuid)`, {
      cursorText: text,
      cursorId: id,
    });
  }
  return qb
    .orderBy(textColumn, 'ASC')
    .addOrderBy(idColumn, 'ASC')
    .limit(page.limit + 1);
}
