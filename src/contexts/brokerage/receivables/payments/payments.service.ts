import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { toUnits } from '../../../../platform/domain/decimal';
import { invalidTransition } from '../../../../platform/domain/state-machine';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { MONEY_SCALE } from '../../purchase-orders/purchase-order-rules';
import { InvoicesService } from '../../sales/invoices/invoices.service';
import { SettingsService } from '../../settings/settings.service';
import {
  AllocatePaymentDto,
  AllocationInputDto,
  CreatePaymentDto,
  ListPaymentsQueryDto,
  PaymentDto,
  ReversePaymentDto,
} from './dto/payment.dto';
import { PaymentAllocation } from './payment-allocation.entity';
import { Payment } from './payment.entity';
import { allocationApplied, allocationsByInvoice, exceeds, money, subtractAmounts, sumAmounts } from './payment-rules';
import { PaymentsRepository } from './payments.repository';

function toPaymentDto(
  p: Payment,
  allocations: PaymentAllocation[],
  numbers: Map<string, string | null>,
  reversal: Payment | undefined,
): PaymentDto {
  const own = allocations.filter((a) => a.paymentId === p.id);
  const allocated = sumAmounts(own.map((a) => a.amount));
  return {
    id: p.id,
    kind: p.kind,
    customerId: p.customerId,
    amount: p.amount,
    currency: p.currency,
    method: p.method,
    reference: p.reference,
    receivedAt: p.receivedAt.toISOString(),
    recordedById: p.recordedById,
    reversedPaymentId: p.reversedPaymentId,
    reversalId: reversal?.id ?? null,
    reason: p.reason,
    allocated,
    unallocated: p.kind === 'payment' && !reversal ? subtractAmounts(p.amount, allocated) : '0.00',
    // Allocations made together share their transaction's time: within it, by invoice number.
    allocations: own
      .map((a) => ({
        id: a.id,
        invoiceId: a.invoiceId,
        invoiceNumber: numbers.get(a.invoiceId) ?? null,
        amount: a.amount,
        allocatedById: a.allocatedById,
        createdAt: a.createdAt.toISOString(),
      }))
      .sort(
        (x, y) =>
          x.createdAt.localeCompare(y.createdAt) ||
          (x.invoiceNumber ?? '').localeCompare(y.invoiceNumber ?? '') ||
          x.id.localeCompare(y.id),
      ),
    createdAt: p.createdAt.toISOString(),
  };
}

/** Amounts of money received must be more than zero (the column only says not negative). */
function assertPositive(amounts: { path: string; amount: string }[]): void {
  const errors = amounts
    .filter((a) => toUnits(a.amount, MONEY_SCALE) <= 0n)
    .map((a) => ({ path: a.path, message: `${a.path} must be more than 0` }));
  if (errors.length) throw Problem.validation(errors);
}

const allocationPaths = (allocations: AllocationInputDto[] = []) =>
  allocations.map((a, i) => ({ path: `allocations.${i}.amount`, amount: a.amount }));

/**
 * Payments received from customers (treasurer or officer). A payment is allocated to the customer's
 * open invoices when recorded or later, from what it has left (the customer's credit); each
 * allocation lowers its invoice's outstanding in the same transaction, the invoices locked in id
 * order after the payment, so racing allocations never take an invoice below zero. Payments are
 * never changed or deleted: a mistake is reversed by a reversal row, which gives the allocated
 * amounts back to the invoices.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly invoices: InvoicesService,
    private readonly settings: SettingsService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListPaymentsQueryDto): Promise<Page<PaymentDto>> {
    const rows = await this.payments.page(orgId, q, q);
    const dtos = await this.toDtos(orgId, rows.slice(0, q.limit));
    const byId = new Map(dtos.map((d) => [d.id, d]));
    return keysetPage(
      rows,
      q.limit,
      (p) => timeAndId(p.createdAt, p.id),
      (p) => byId.get(p.id)!,
    );
  }

  async get(orgId: string, id: string): Promise<PaymentDto> {
    const [dto] = await this.toDtos(orgId, [await this.payments.load(orgId, id)]);
    return dto;
  }

  /** Records a payment of a customer, allocated to invoices as given; the rest is the customer's credit. */
  async record(access: OrgAccess, dto: CreatePaymentDto): Promise<PaymentDto> {
    assertPositive([{ path: 'amount', amount: dto.amount }, ...allocationPaths(dto.allocations)]);
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    return this.payments.transaction(async (tx) => {
      await this.payments.customer(orgId, dto.customerId, tx);
      const payment = await this.payments.insert(tx, {
        orgId,
        kind: 'payment',
        customerId: dto.customerId,
        amount: dto.amount,
        currency: dto.currency ?? settings.currency,
        method: dto.method,
        reference: dto.reference ?? null,
        receivedAt: new Date(dto.receivedAt),
        recordedById: access.userId,
      });
      await this.allocate(tx, payment, [], dto.allocations ?? [], access.userId, settings.timeZone);
      return this.announce(tx, payment, 'recorded');
    });
  }

  /** Allocates what a payment has left (the customer's credit) to invoices. */
  async allocateLater(access: OrgAccess, id: string, dto: AllocatePaymentDto): Promise<PaymentDto> {
    assertPositive(allocationPaths(dto.allocations));
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    return this.payments.transaction(async (tx) => {
      const payment = await this.payments.load(orgId, id, tx, true);
      await this.assertLive(tx, payment, 'allocated');
      const existing = await this.payments.allocations(orgId, [payment.id], tx);
      await this.allocate(tx, payment, existing, dto.allocations, access.userId, settings.timeZone);
      return this.announce(tx, payment, 'allocated');
    });
  }

  /**
   * Reverses a payment (a mistake, a bounced check): a reversal row, and every allocation given back
   * to its invoice (paid → partly_paid or issued). The payment itself stays as it was recorded.
   */
  async reverse(access: OrgAccess, id: string, dto: ReversePaymentDto): Promise<PaymentDto> {
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    return this.payments.transaction(async (tx) => {
      const payment = await this.payments.load(orgId, id, tx, true);
      await this.assertLive(tx, payment, 'reversed');
      const allocations = await this.payments.allocations(orgId, [payment.id], tx);
      const giveBack = allocationsByInvoice(allocations);
      const invoices = await this.invoices.lockForPayment(tx, orgId, [...giveBack.keys()]);
      for (const invoice of invoices)
        await this.invoices.settlePayment(
          tx,
          invoice,
          sumAmounts([invoice.outstanding, giveBack.get(invoice.id)!]),
          settings.timeZone,
        );
      const reversal = await this.payments.insert(tx, {
        orgId,
        kind: 'reversal',
        customerId: payment.customerId,
        amount: payment.amount,
        currency: payment.currency,
        method: payment.method,
        reference: payment.reference,
        receivedAt: new Date(),
        recordedById: access.userId,
        reversedPaymentId: payment.id,
        reason: dto.reason,
      });
      await this.announce(tx, reversal, null);
      return this.announce(tx, payment, 'reversed');
    });
  }

  /** A reversal row, or a payment already reversed, takes no allocations and no second reversal. */
  private async assertLive(tx: EntityManager, payment: Payment, attempted: string): Promise<void> {
    if (payment.kind === 'reversal') throw invalidTransition('reversal', 'reversal', attempted);
    const reversal = (await this.payments.reversalsOf(payment.orgId, [payment.id], tx)).get(payment.id);
    if (reversal) throw invalidTransition('payment', 'reversed', attempted);
  }

  /**
   * Applies `wanted` to the payment's customer's invoices, locked in id order after the payment: each
   * must be an open invoice of the customer in the payment's currency owing at least its share.
   */
  private async allocate(
    tx: EntityManager,
    payment: Payment,
    existing: PaymentAllocation[],
    wanted: AllocationInputDto[],
    userId: string | null,
    timeZone: string,
  ): Promise<void> {
    if (!wanted.length) return;
    const unallocated = subtractAmounts(payment.amount, sumAmounts(existing.map((a) => a.amount)));
    const asked = sumAmounts(wanted.map((a) => a.amount));
    if (exceeds(asked, unallocated))
      throw Problem.conflict(
        `The allocations of ${asked} exceed the ${unallocated} the payment has left`,
        'allocation-exceeds-payment',
        { unallocated },
      );
    const perInvoice = allocationsByInvoice(wanted);
    const invoices = await this.invoices.lockForPayment(tx, payment.orgId, [...perInvoice.keys()]);
    for (const invoice of invoices) {
      const amount = perInvoice.get(invoice.id)!;
      const payable = invoice.kind === 'invoice' && ['issued', 'partly_paid', 'paid'].includes(invoice.status);
      if (!payable)
        throw Problem.conflict(
          `The ${invoice.kind === 'invoice' ? 'invoice' : 'credit note'} is ${invoice.status}; only issued invoices take payments`,
          'invoice-not-payable',
          { invoiceId: invoice.id, currentState: invoice.status },
        );
      if (invoice.customerId !== payment.customerId)
        throw Problem.conflict('The invoice is not the payment customer’s', 'allocation-customer-mismatch', {
          invoiceId: invoice.id,
        });
      if (invoice.currency !== payment.currency)
        throw Problem.conflict(
          `The invoice is in ${invoice.currency}, the payment in ${payment.currency}`,
          'currency-mismatch',
          { invoiceId: invoice.id, currency: invoice.currency },
        );
      const left = allocationApplied(invoice.outstanding, amount);
      if (left === null)
        throw Problem.conflict(
          `The allocation of ${amount} exceeds the ${invoice.outstanding} ${invoice.number ?? ''} owes`,
          'allocation-exceeds-outstanding',
          { invoiceId: invoice.id, outstanding: invoice.outstanding },
        );
      await this.invoices.settlePayment(tx, invoice, left, timeZone);
    }
    await this.payments.insertAllocations(
      tx,
      wanted.map((a) => ({
        orgId: payment.orgId,
        paymentId: payment.id,
        invoiceId: a.invoiceId,
        amount: money(toUnits(a.amount, MONEY_SCALE)),
        allocatedById: userId,
      })),
    );
  }

  /** Builds the answer in `tx`, audits it and records the event (when there is one). */
  private async announce(
    tx: EntityManager,
    payment: Payment,
    event: 'recorded' | 'allocated' | 'reversed' | null,
  ): Promise<PaymentDto> {
    const [dto] = await this.toDtos(payment.orgId, [payment], tx);
    if (event) {
      await this.audit.recordInTransaction(tx, dto);
      await this.events.record(tx, {
        orgId: payment.orgId,
        type: `brokerage.payment.${event}`,
        subjectId: payment.id,
        payload: { ...dto },
      });
    }
    return dto;
  }

  private async toDtos(orgId: string, rows: Payment[], tx?: EntityManager): Promise<PaymentDto[]> {
    const ids = rows.map((p) => p.id);
    const allocations = await this.payments.allocations(orgId, ids, tx);
    const reversals = await this.payments.reversalsOf(orgId, ids, tx);
    const numbers = await this.payments.invoiceNumbers(
      orgId,
      allocations.map((a) => a.invoiceId),
      tx,
    );
    return rows.map((p) => toPaymentDto(p, allocations, numbers, reversals.get(p.id)));
  }
}
