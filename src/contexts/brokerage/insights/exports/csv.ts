import { csvField } from '../../receivables/payments/payment-rules';

/** A value of a CSV cell as the exports' queries give it. */
export type CsvValue = string | number | boolean | Date | null | undefined | readonly unknown[] | object;

/**
 * One cell's text: empty for null, ISO 8601 UTC for instants, JSON for arrays and objects (addresses,
 * terms, audit changes), the text otherwise; escaped by the receivables' `csvField` (quoted when
 * needed, defused against spreadsheet formulas).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return csvField(JSON.stringify(value));
  return csvField(String(value));
}

/** One CSV record (RFC 4180: comma-separated, CRLF-terminated). */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

/**
 * A CSV file as a stream of text pieces: the header, then a record per row in `columns` order, a
 * batch of rows per piece. `onRow` counts them.
 */
export async function* csvLines<Row extends Record<string, CsvValue>>(
  columns: readonly string[],
  batches: AsyncIterable<readonly Row[]>,
  onRow: () => void = () => undefined,
): AsyncGenerator<string> {
  yield csvRecord(columns);
  for await (const rows of batches) {
    let piece = '';
    for (const row of rows) {
      piece += csvRecord(columns.map((c) => row[c]));
      onRow();
    }
    if (piece) yield piece;
  }
}
