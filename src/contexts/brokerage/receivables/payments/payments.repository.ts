import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../../../platform/database/pg-errors';
import { invalidTransition } from '../../../../platform/domain/state-machine';
import { newestFirst } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { BrokerageRepository } from '../../common/brokerage-repository';
import { Party } from '../../parties/party.entity';
import { PaymentAllocation } from './payment-allocation.entity';
import { Payment } from './payment.entity';
import type { PaymentKind } from './payment-rules';

export interface PaymentFilter {
  customerId?: string;
  kind?: PaymentKind;
}

/** The SQL of payments, their reversals and allocations. */
@Injectable()
export class PaymentsRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One keyset page, newest first, plus one row. */
  page(orgId: string, filter: PaymentFilter, page: { limit: number; cursor?: string }): Promise<Payment[]> {
    const qb = this.db.getRepository(Payment).createQueryBuilder('p').where('p.org_id = :orgId', { orgId });
    if (filter.customerId) qb.andWhere('p.customer_id = :customerId', { customerId: filter.customerId });
    if (filter.kind) qb.andWhere('p.kind = :kind', { kind: filter.kind });
    return newestFirst(qb, 'p.created_at', 'p.id', page).getMany();
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<Payment> {
    return findInOrg(this.managerOf(tx), Payment, orgId, id, 'Payment', { lock });
  }

  async allocations(orgId: string, paymentIds: string[], tx?: EntityManager): Promise<PaymentAllocation[]> {
    if (!paymentIds.length) return [];
    return this.managerOf(tx).find(PaymentAllocation, {
      where: { orgId, paymentId: In(paymentIds) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The reversals of payments, by the payment they reverse. */
  async reversalsOf(orgId: string, paymentIds: string[], tx?: EntityManager): Promise<Map<string, Payment>> {
    if (!paymentIds.length) return new Map();
    const rows = await this.managerOf(tx).find(Payment, {
      where: { orgId, reversedPaymentId: In(paymentIds) },
    });
    return new Map(rows.map((r) => [r.reversedPaymentId!, r]));
  }

  /** Invoice numbers by id. */
  async invoiceNumbers(orgId: string, ids: string[], tx?: EntityManager): Promise<Map<string, string | null>> {
    if (!ids.length) return new Map();
    const rows: { id: string; number: string | null }[] = await this.managerOf(tx).query(
      'SELECT id, number FROM brokerage_invoices WHERE org_id = $1 AND id = ANY($2::uuid[])',
      [orgId, [...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.number]));
  }

  /** The customer (404 when the org has no such customer). */
  async customer(orgId: string, customerId: string, tx?: EntityManager): Promise<Party> {
    const customer = await this.managerOf(tx).findOne(Party, { where: { id: customerId, orgId, kind: 'customer' } });
    if (!customer) throw Problem.notFound('Customer');
    return customer;
  }

  async insert(tx: EntityManager, payment: Partial<Payment>): Promise<Payment> {
    try {
      return await tx.save(Payment, tx.create(Payment, payment));
    } catch (error) {
      // Two reversals of one payment racing: the unique index lets one through.
      if (pgCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'uq_brokerage_payments_org_reversed')
        throw invalidTransition('payment', 'reversed', 'reversed');
      throw error;
    }
  }

  insertAllocations(tx: EntityManager, rows: Partial<PaymentAllocation>[]): Promise<PaymentAllocation[]> {
    return tx.save(
      PaymentAllocation,
      rows.map((r) => tx.create(PaymentAllocation, r)),
    );
  }
}
