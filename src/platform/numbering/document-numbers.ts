import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** How wide the digits of a document number are at least (`PO-000042`); larger numbers just grow. */
export const DEFAULT_NUMBER_WIDTH = 6;

/** A document number: the org's prefix and the value, zero-padded to `width` digits. */
export function formatDocumentNumber(prefix: string, value: bigint | number, width = DEFAULT_NUMBER_WIDTH): string {
  if (BigInt(value) < 1n) throw new RangeError('document numbers start at 1');
  return prefix + String(value).padStart(width, '0');
}

/** A number issued by `DocumentNumbers.next`. */
export interface IssuedNumber {
  /** 1, 2, 3, ... per org and sequence. */
  value: bigint;
  /** `value` with the prefix, e.g. `PO-000042`. */
  formatted: string;
}

/**
 * Per-org gapless document numbers (purchase orders, invoices, FBO tickets). `next` increments
 * the org's counter row in the caller's transaction: the row stays locked until that transaction
 * ends, so concurrent creators queue on it and each gets the next value; a rollback returns the
 * number. Call it as late as possible in the transaction (after validation and other locks) to
 * keep the time others wait on the counter short, and always after the rows the caller locks
 * first, in one fixed order.
 */
@Injectable()
export class DocumentNumbers {
  async next(tx: EntityManager, orgId: string, sequence: string, prefix: string): Promise<IssuedNumber> {
    const [row]: { last_value: string }[] = await tx.query(
      `INSERT INTO document_counters (org_id, sequence, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (org_id, sequence) DO UPDATE SET last_value = document_counters.last_value + 1
       RETURNING last_value`,
      [orgId, sequence],
    );
    const value = BigInt(row.last_value);
    return { value, formatted: formatDocumentNumber(prefix, value) };
  }
}
