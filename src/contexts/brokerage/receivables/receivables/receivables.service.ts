import { Injectable } from '@nestjs/common';
import { Page } from '../../../../platform/http/pagination';
import { daysOverdue, todayIn } from '../../sales/invoices/invoice-rules';
import { SettingsService } from '../../settings/settings.service';
import { AGEING_BUCKETS, csvField, money, sumAmounts } from '../payments/payment-rules';
import { PaymentsRepository } from '../payments/payments.repository';
import { toUnits } from '../../../../platform/domain/decimal';
import { MONEY_SCALE } from '../../purchase-orders/purchase-order-rules';
import {
  AgeingBasis,
  AgeingBucketsDto,
  AgeingDto,
  AgeingQueryDto,
  ListReceivablesQueryDto,
  ReceivableDto,
  StatementDto,
  StatementEntryDto,
  StatementQueryDto,
} from './dto/receivables.dto';
import { AgeingRow, OutstandingMismatch, ReceivablesRepository } from './receivables.repository';

const bucketsOf = (r: Omit<AgeingRow, 'customerId' | 'customerName' | 'currency'>): AgeingBucketsDto => ({
  '0-30': r.b0,
  '31-60': r.b31,
  '61-90': r.b61,
  '91-120': r.b91,
  '121+': r.b121,
  total: r.total,
});

/** The sum of the customers' buckets, one row per currency. */
function ageingTotals(rows: AgeingRow[]): AgeingDto['totals'] {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  return currencies.map((currency) => {
    const mine = rows.filter((r) => r.currency === currency);
    const sum = (key: keyof AgeingRow) => sumAmounts(mine.map((r) => r[key]));
    return {
      currency,
      ...bucketsOf({
        b0: sum('b0'),
        b31: sum('b31'),
        b61: sum('b61'),
        b91: sum('b91'),
        b121: sum('b121'),
        total: sum('total'),
      }),
    };
  });
}

/** The ageing as CSV: a row per customer and currency, then a TOTAL row per currency. */
export function ageingCsv(ageing: AgeingDto): string {
  const header = ['customerId', 'customerName', 'currency', ...AGEING_BUCKETS, 'total'];
  const line = (id: string, name: string, row: AgeingBucketsDto & { currency: string }) =>
    [id, name, row.currency, ...AGEING_BUCKETS.map((b) => row[b]), row.total].map(csvField).join(',');
  return (
    [
      header.join(','),
      ...ageing.customers.map((c) => line(c.customerId, c.customerName, c)),
      ...ageing.totals.map((t) => line('', 'TOTAL', t)),
    ].join('\r\n') + '\r\n'
  );
}

/**
 * Receivables, derived from the invoices' outstanding (never stored apart): the open invoices with
 * how late they are, a customer's statement, and the ageing by bucket, all in the org's time zone.
 */
@Injectable()
export class ReceivablesService {
  constructor(
    private readonly receivables: ReceivablesRepository,
    private readonly payments: PaymentsRepository,
    private readonly settings: SettingsService,
  ) {}

  async list(orgId: string, q: ListReceivablesQueryDto): Promise<Page<ReceivableDto>> {
    const today = todayIn((await this.settings.load(orgId)).timeZone);
    const rows = await this.receivables.openInvoices(orgId, { ...q, today }, q);
    const hasMore = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((r) => ({ ...r, daysOverdue: daysOverdue(r.dueDate, today) })),
      nextCursor: hasMore ? this.receivables.receivableCursor(page[page.length - 1]) : null,
    };
  }

  async ageing(orgId: string, q: AgeingQueryDto): Promise<AgeingDto> {
    const asOf = q.asOf ?? todayIn((await this.settings.load(orgId)).timeZone);
    const basis: AgeingBasis = q.basis ?? 'due_date';
    const rows = await this.receivables.ageing(orgId, asOf, basis);
    return {
      asOf,
      basis,
      buckets: [...AGEING_BUCKETS],
      customers: rows.map((r) => ({
        customerId: r.customerId,
        customerName: r.customerName,
        currency: r.currency,
        ...bucketsOf(r),
      })),
      totals: ageingTotals(rows),
    };
  }

  /** The customer's statement: entries with a running balance from the period's opening balance. */
  async statement(orgId: string, customerId: string, q: StatementQueryDto): Promise<StatementDto> {
    const settings = await this.settings.load(orgId);
    const customer = await this.payments.customer(orgId, customerId);
    const to = q.to ?? todayIn(settings.timeZone);
    const rows = await this.receivables.statementRows(orgId, customerId, to, settings.timeZone);
    let balance = 0n;
    let opening = 0n;
    const entries: StatementEntryDto[] = [];
    for (const row of rows) {
      const amount = toUnits(row.amount, MONEY_SCALE);
      const raises = row.kind === 'invoice' || row.kind === 'reversal';
      balance += raises ? amount : -amount;
      if (q.from && row.date < q.from) {
        opening = balance;
        continue;
      }
      entries.push({
        date: row.date,
        kind: row.kind,
        id: row.id,
        reference: row.reference,
        debit: raises ? row.amount : '0.00',
        credit: raises ? '0.00' : row.amount,
        balance: money(balance),
      });
    }
    const open = await this.receivables.customerOpenInvoices(orgId, customerId);
    const today = todayIn(settings.timeZone);
    const outstanding = sumAmounts(open.map((i) => i.outstanding));
    return {
      customerId,
      customerName: customer.name,
      currency: settings.currency,
      from: q.from ?? null,
      to,
      openingBalance: money(opening),
      closingBalance: money(balance),
      entries,
      openInvoices: open.map((i) => ({
        invoiceId: i.invoiceId,
        number: i.number,
        dueDate: i.dueDate,
        outstanding: i.outstanding,
        daysOverdue: daysOverdue(i.dueDate, today),
      })),
      outstanding,
      unallocatedCredit: await this.receivables.unallocatedCredit(orgId, customerId),
    };
  }

  /** `check:receivables`: the invoices whose stored outstanding differs from the recomputed one. */
  findMismatches(orgId?: string): Promise<OutstandingMismatch[]> {
    return this.receivables.mismatches(orgId);
  }

  counts(): Promise<{ invoices: number; allocations: number }> {
    return this.receivables.counts();
  }
}
