import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { MailService } from '../../../../platform/mail/mail.service';
import { DocumentNumbers } from '../../../../platform/numbering/document-numbers';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { actsOnAnyOrder } from '../../brokerage-access';
import { PartiesService } from '../../parties/parties.service';
import { ProductsService } from '../../products/products.service';
import { lineTotal, orderTotal, weightUnitProblem } from '../../purchase-orders/purchase-order-rules';
import { SettingsService } from '../../settings/settings.service';
import { SALES_ORDER_CONFIRMATION_TEMPLATE, salesOrderConfirmationMail } from '../sales-mail';
import {
  CancelSalesOrderDto,
  ConfirmSalesOrderDto,
  CreateSalesOrderDto,
  DeliverSalesOrderDto,
  ListSalesOrdersQueryDto,
  SalesOrderDto,
  SalesOrderLineInputDto,
  UpdateSalesOrderDto,
} from './dto/sales-order.dto';
import { SalesOrderLine } from './sales-order-line.entity';
import { SalesOrder } from './sales-order.entity';
import {
  creditExposure,
  creditLimitExcess,
  margin,
  SALES_ORDER_LIFECYCLE,
  SalesOrderStatus,
} from './sales-order-rules';
import { SalesOrdersRepository } from './sales-orders.repository';

const SEQUENCE = 'brokerage.sales_order';
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** What the answer of one order needs besides the row. */
interface Extras {
  lines: SalesOrderLine[];
  links: Map<string, string[]>;
  costs: Map<string, string[]>;
}

function toSalesOrderDto(o: SalesOrder, x: Extras): SalesOrderDto {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    customerId: o.customerId,
    supplierId: o.supplierId,
    plantId: o.plantId,
    carrierId: o.carrierId,
    contactId: o.contactId,
    orderDate: o.orderDate,
    pickupDate: o.pickupDate,
    deliveryDate: o.deliveryDate,
    customerPoNumber: o.customerPoNumber,
    carrierReleaseNumber: o.carrierReleaseNumber,
    purchaseOrderIds: x.links.get(o.id) ?? [],
    total: o.total,
    ...margin(o.total, x.costs.get(o.id) ?? []),
    currency: o.currency,
    notes: o.notes,
    createdById: o.createdById,
    confirmedById: o.confirmedById,
    confirmedAt: iso(o.confirmedAt),
    creditOverrideReason: o.creditOverrideReason,
    shippedAt: iso(o.shippedAt),
    deliveredAt: iso(o.deliveredAt),
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason,
    createdAt: o.createdAt.toISOString(),
    lines: x.lines
      .filter((l) => l.salesOrderId === o.id)
      .map((l) => ({
        id: l.id,
        lineNo: l.lineNo,
        productId: l.productId,
        cases: l.cases,
        weight: l.weight,
        weightUnit: l.weightUnit,
        weightType: l.weightType,
        priceBasis: l.priceBasis,
        unitPrice: l.unitPrice,
        total: l.total,
        deliveredCases: l.deliveredCases,
        deliveredWeight: l.deliveredWeight,
      })),
  };
}

/** The order's own fields of a request (lines and links are rows of their own). */
function orderFields<T extends { lines?: unknown; purchaseOrderIds?: unknown }>(
  dto: T,
): Omit<T, 'lines' | 'purchaseOrderIds'> {
  const { lines, purchaseOrderIds, ...fields } = dto;
  void lines;
  void purchaseOrderIds;
  return fields;
}

function assertLineUnits(lines: readonly SalesOrderLineInputDto[]): void {
  const errors = lines.flatMap((line, i) => {
    const problem = weightUnitProblem(line);
    return problem ? [{ path: `lines.${i}.weightUnit`, message: problem }] : [];
  });
  if (errors.length) throw Problem.validation(errors);
}

/** A member changes or cancels only the pending orders they entered; officers any. */
function assertMayChange(access: OrgAccess, order: SalesOrder, action: string): void {
  if (!actsOnAnyOrder(access) && order.createdById !== access.userId)
    throw Problem.forbidden(`Members ${action} only the sales orders they entered; ask an officer`);
}

type Event = 'confirmed' | 'delivered';

/**
 * Sales orders: entered by brokers, confirmed to the customer within its credit limit (an officer
 * may confirm past it, with a reason), shipped and delivered (actual weights), then invoiced.
 * Numbers are per org and gapless; totals and margins are the server's. Confirmations lock the
 * customer row, so concurrent confirmations of one customer's orders see each other's exposure.
 */
@Injectable()
export class SalesOrdersService implements OnModuleInit {
  constructor(
    private readonly orders: SalesOrdersRepository,
    private readonly parties: PartiesService,
    private readonly products: ProductsService,
    private readonly settings: SettingsService,
    private readonly numbers: DocumentNumbers,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.mail.defineTemplate(SALES_ORDER_CONFIRMATION_TEMPLATE, salesOrderConfirmationMail);
  }

  async list(orgId: string, q: ListSalesOrdersQueryDto): Promise<Page<SalesOrderDto>> {
    const rows = await this.orders.page(orgId, { status: q.status, customerId: q.customerId }, q);
    const extras = await this.extras(
      orgId,
      rows.slice(0, q.limit).map((o) => o.id),
    );
    return keysetPage(
      rows,
      q.limit,
      (o) => timeAndId(o.createdAt, o.id),
      (o) => toSalesOrderDto(o, extras),
    );
  }

  async get(orgId: string, id: string): Promise<SalesOrderDto> {
    const order = await this.orders.load(orgId, id);
    return toSalesOrderDto(order, await this.extras(orgId, [id]));
  }

  /** The order entity with its lines (for invoicing). */
  async forInvoice(
    tx: EntityManager,
    orgId: string,
    id: string,
  ): Promise<{ order: SalesOrder; lines: SalesOrderLine[] }> {
    const order = await this.orders.load(orgId, id, tx, true);
    return { order, lines: await this.orders.lines(orgId, [id], tx) };
  }

  async create(access: OrgAccess, dto: CreateSalesOrderDto): Promise<SalesOrderDto> {
    assertLineUnits(dto.lines);
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    return this.orders.transaction(async (tx) => {
      await this.parties.checkOrderReferences(tx, orgId, dto);
      const lines = await this.products.priceOrderLines(tx, orgId, dto.lines);
      const number = await this.numbers.next(tx, orgId, SEQUENCE, settings.soPrefix);
      const order = await this.orders.save(
        tx,
        tx.create(SalesOrder, {
          ...orderFields(dto),
          orgId,
          sequenceNumber: String(number.value),
          number: number.formatted,
          status: 'pending',
          orderDate: dto.orderDate ?? new Date().toISOString().slice(0, 10),
          currency: settings.currency,
          total: orderTotal(lines.map((l) => l.total!)),
          createdById: access.userId,
        }),
      );
      const saved = await this.orders.replaceLines(tx, order, lines);
      await this.orders.replaceLinks(tx, order, dto.purchaseOrderIds ?? []);
      return this.answer(tx, order, saved);
    });
  }

  /**
   * Changes a pending order (members, their own; officers any); `lines` and `purchaseOrderIds`
   * replace theirs and the total follows.
   */
  async update(access: OrgAccess, id: string, dto: UpdateSalesOrderDto): Promise<SalesOrderDto> {
    if (dto.lines) assertLineUnits(dto.lines);
    const orgId = access.org.id;
    return this.orders.transaction(async (tx) => {
      const order = await this.orders.load(orgId, id, tx, true);
      assertMayChange(access, order, 'change');
      if (order.status !== 'pending')
        throw Problem.conflict(
          `The sales order is ${order.status}; only pending orders can be changed`,
          'order-not-editable',
          { currentState: order.status },
        );
      await this.parties.checkOrderReferences(tx, orgId, dto);
      for (const [field, value] of Object.entries(orderFields(dto)))
        if (value !== undefined) (order as unknown as Record<string, unknown>)[field] = value;
      let lines = await this.orders.lines(orgId, [order.id], tx);
      if (dto.lines) {
        lines = await this.orders.replaceLines(tx, order, await this.products.priceOrderLines(tx, orgId, dto.lines));
        order.total = orderTotal(lines.map((l) => l.total));
      }
      if (dto.purchaseOrderIds) await this.orders.replaceLinks(tx, order, dto.purchaseOrderIds);
      return this.answer(tx, await this.orders.save(tx, order), lines);
    });
  }

  /**
   * Confirms a pending order to the customer. The customer row is locked first, then its exposure
   * (open receivables + open orders) plus this order is compared with its credit limit: past it,
   * 409 `credit-limit-exceeded` unless an officer gives `creditOverrideReason`. The confirmation is
   * mailed (once) to the order's contact, else the customer.
   */
  async confirm(access: OrgAccess, id: string, dto: ConfirmSalesOrderDto): Promise<SalesOrderDto> {
    if (dto.creditOverrideReason !== undefined && !actsOnAnyOrder(access))
      throw Problem.forbidden('Only an officer can confirm past a credit limit');
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    return this.move(access, id, 'confirmed', 'confirmed', async (tx, order, lines) => {
      const customer = await this.orders.lockCustomer(tx, orgId, order.customerId);
      // The order is locked (by `move`), then the customer: every confirmation takes them in that order.
      const credit = await this.orders.customerCredit(tx, orgId, customer.id, order.id);
      const exposure = creditExposure([credit.openReceivables], [credit.openOrders]);
      const excess = creditLimitExcess(customer.creditLimit, exposure, order.total);
      if (excess && dto.creditOverrideReason === undefined)
        throw Problem.conflict(
          `Confirming ${order.number} would put ${customer.name} ${excess.excess} ${order.currency} past its credit limit`,
          'credit-limit-exceeded',
          { ...excess, currency: order.currency },
        );
      order.creditOverrideReason = excess ? dto.creditOverrideReason! : null;
      order.confirmedById = access.userId;
      order.confirmedAt = new Date();
      const to = order.contactId ? await this.orders.contactEmail(orgId, order.contactId, tx) : null;
      const recipient = to ?? customer.email;
      if (!recipient) return;
      const descriptions = await this.orders.productDescriptions(
        orgId,
        lines.map((l) => l.productId),
        tx,
      );
      await this.mail.send(tx, {
        to: recipient,
        template: SALES_ORDER_CONFIRMATION_TEMPLATE,
        purpose: SALES_ORDER_CONFIRMATION_TEMPLATE,
        subjectId: order.id,
        data: {
          orgName: settings.legalName ?? access.org.name,
          number: order.number,
          customerName: customer.name,
          customerPoNumber: order.customerPoNumber,
          deliveryDate: order.deliveryDate,
          total: order.total,
          currency: order.currency,
          lines: lines.map((l) => ({
            description: descriptions.get(l.productId) ?? `Line ${l.lineNo}`,
            quantity: `${l.cases} cases, ${l.weight} ${l.weightUnit}`,
            total: l.total,
          })),
        },
      });
    });
  }

  /** The load has left (in transit). */
  ship(access: OrgAccess, id: string): Promise<SalesOrderDto> {
    return this.move(access, id, 'in_transit', null, async (_tx, order) => {
      order.shippedAt = new Date();
    });
  }

  /**
   * The load was delivered: optionally every line's delivered cases and actual weight; catch-weight
   * lines are then billed on the weight delivered, so the order's total moves with them.
   */
  deliver(access: OrgAccess, id: string, dto: DeliverSalesOrderDto): Promise<SalesOrderDto> {
    return this.move(access, id, 'delivered', 'delivered', async (tx, order, lines) => {
      const delivered = new Map((dto.lines ?? []).map((l) => [l.lineId, l]));
      if (
        dto.lines &&
        (delivered.size !== dto.lines.length ||
          delivered.size !== lines.length ||
          lines.some((l) => !delivered.has(l.id)))
      )
        throw Problem.validation([{ path: 'lines', message: 'lines must name every line of the order once' }]);
      for (const line of lines) {
        const got = delivered.get(line.id);
        line.deliveredCases = got?.deliveredCases ?? line.cases;
        line.deliveredWeight = got?.deliveredWeight ?? line.weight;
        line.total = lineTotal({ ...line, receivedWeight: line.deliveredWeight });
      }
      await this.orders.saveLines(tx, lines);
      order.total = orderTotal(lines.map((l) => l.total));
      order.deliveredAt = new Date();
    });
  }

  /** Cancels a pending order (members, their own) or a confirmed one (officers), with a reason. */
  cancel(access: OrgAccess, id: string, dto: CancelSalesOrderDto): Promise<SalesOrderDto> {
    return this.move(access, id, 'cancelled', null, async (_tx, order) => {
      if (order.status === 'confirmed' && !actsOnAnyOrder(access))
        throw Problem.forbidden('Only an officer can cancel a confirmed order');
      assertMayChange(access, order, 'cancel');
      order.cancelledAt = new Date();
      order.cancelReason = dto.reason;
    });
  }

  /** One state move in a transaction: locked, checked against the lifecycle, worked, saved, announced, audited. */
  private move(
    access: OrgAccess,
    id: string,
    to: SalesOrderStatus,
    event: Event | null,
    work: (tx: EntityManager, order: SalesOrder, lines: SalesOrderLine[]) => Promise<void>,
  ): Promise<SalesOrderDto> {
    const orgId = access.org.id;
    return this.orders.transaction(async (tx) => {
      const order = await this.orders.load(orgId, id, tx, true);
      SALES_ORDER_LIFECYCLE.assert(order.status, to);
      const lines = await this.orders.lines(orgId, [order.id], tx);
      await work(tx, order, lines);
      order.status = to;
      const saved = await this.orders.save(tx, order);
      const dto = await this.answer(tx, saved, lines);
      if (event)
        await this.events.record(tx, {
          orgId,
          type: `brokerage.sales_order.${event}`,
          subjectId: saved.id,
          payload: { ...dto },
        });
      return dto;
    });
  }

  private async extras(orgId: string, ids: string[], tx?: EntityManager, lines?: SalesOrderLine[]): Promise<Extras> {
    return {
      lines: lines ?? (await this.orders.lines(orgId, ids, tx)),
      links: await this.orders.links(orgId, ids, tx),
      costs: await this.orders.costs(orgId, ids, tx),
    };
  }

  private async answer(tx: EntityManager, order: SalesOrder, lines: SalesOrderLine[]): Promise<SalesOrderDto> {
    const dto = toSalesOrderDto(order, await this.extras(order.orgId, [order.id], tx, lines));
    await this.audit.recordInTransaction(tx, dto);
    return dto;
  }
}
