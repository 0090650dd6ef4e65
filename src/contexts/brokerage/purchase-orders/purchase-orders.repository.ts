import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { newestFirst } from '../../../platform/http/pagination';
import { BrokerageRepository } from '../common/brokerage-repository';
import { ContactLink } from '../contacts/contact-link.entity';
import { Contact } from '../contacts/contact.entity';
import { Party } from '../parties/party.entity';
import { Product } from '../products/product.entity';
import type { SupplierContactCandidate } from './purchase-order-document';
import { PurchaseOrderLine } from './purchase-order-line.entity';
import { PurchaseOrder } from './purchase-order.entity';
import type { PurchaseOrderStatus } from './purchase-order-rules';

export interface PurchaseOrderFilter {
  status?: PurchaseOrderStatus;
  supplierId?: string;
}

/** The SQL of purchase orders and their lines. */
@Injectable()
export class PurchaseOrdersRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One keyset page, newest first, plus one row. */
  page(orgId: string, filter: PurchaseOrderFilter, page: { limit: number; cursor?: string }): Promise<PurchaseOrder[]> {
    const qb = this.db.getRepository(PurchaseOrder).createQueryBuilder('o').where('o.org_id = :orgId', { orgId });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.supplierId) qb.andWhere('o.supplier_id = :supplierId', { supplierId: filter.supplierId });
    return newestFirst(qb, 'o.created_at', 'o.id', page).getMany();
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<PurchaseOrder> {
    return findInOrg(this.managerOf(tx), PurchaseOrder, orgId, id, 'Purchase order', { lock });
  }

  /** The lines of these orders, in line order. */
  async lines(orgId: string, orderIds: string[], tx?: EntityManager): Promise<PurchaseOrderLine[]> {
    if (!orderIds.length) return [];
    return this.managerOf(tx).find(PurchaseOrderLine, {
      where: { orgId, purchaseOrderId: In(orderIds) },
      order: { purchaseOrderId: 'ASC', lineNo: 'ASC' },
    });
  }

  save(tx: EntityManager, order: PurchaseOrder): Promise<PurchaseOrder> {
    return tx.save(PurchaseOrder, order);
  }

  saveLines(tx: EntityManager, lines: PurchaseOrderLine[]): Promise<PurchaseOrderLine[]> {
    return tx.save(PurchaseOrderLine, lines);
  }

  /** Replaces an order's lines. */
  async replaceLines(tx: EntityManager, order: PurchaseOrder, lines: Partial<PurchaseOrderLine>[]) {
    await tx.delete(PurchaseOrderLine, { orgId: order.orgId, purchaseOrderId: order.id });
    return tx.save(
      PurchaseOrderLine,
      lines.map((line) => tx.create(PurchaseOrderLine, { ...line, orgId: order.orgId, purchaseOrderId: order.id })),
    );
  }

  /** The org's parties with these ids (any kind, archived too: a printed order names what it named). */
  async partiesByIds(orgId: string, ids: (string | null)[], tx?: EntityManager): Promise<Map<string, Party>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (!wanted.length) return new Map();
    const rows = await this.managerOf(tx).find(Party, { where: { orgId, id: In(wanted) } });
    return new Map(rows.map((p) => [p.id, p]));
  }

  /** The org's contact with this id, or null. */
  contact(orgId: string, id: string | null, tx?: EntityManager): Promise<Contact | null> {
    return id ? this.managerOf(tx).findOne(Contact, { where: { orgId, id } }) : Promise.resolve(null);
  }

  /** Product code and description of these products. */
  async productLabels(
    orgId: string,
    ids: string[],
    tx?: EntityManager,
  ): Promise<Map<string, { productCode: string; description: string }>> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return new Map();
    const rows = await this.managerOf(tx).find(Product, {
      where: { orgId, id: In(wanted) },
      select: { id: true, productCode: true, description: true },
    });
    return new Map(rows.map((p) => [p.id, { productCode: p.productCode, description: p.description }]));
  }

  /** The contacts linked to a party, with their role there, by name. */
  async partyContacts(orgId: string, partyId: string, tx?: EntityManager): Promise<SupplierContactCandidate[]> {
    const rows: { contactId: string; firstName: string; lastName: string; email: string | null; role: string }[] =
      await this.managerOf(tx)
        .createQueryBuilder(ContactLink, 'l')
        .innerJoin(Contact, 'c', 'c.id = l.contact_id AND c.org_id = l.org_id')
        .where('l.org_id = :orgId AND l.party_id = :partyId', { orgId, partyId })
        .select([
          'c.id AS "contactId"',
          'c.first_name AS "firstName"',
          'c.last_name AS "lastName"',
          'c.email AS "email"',
          'l.role AS "role"',
        ])
        .orderBy('c.name_key', 'ASC')
        .addOrderBy('c.id', 'ASC')
        .getRawMany();
    return rows.map((r) => ({
      contactId: r.contactId,
      name: [r.firstName, r.lastName].filter(Boolean).join(' '),
      email: r.email,
      role: r.role,
    }));
  }
}
