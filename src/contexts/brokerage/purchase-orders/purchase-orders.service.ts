import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { DomainEvents } from '../../../platform/events/domain-events';
import { keysetPage, Page, timeAndId } from '../../../platform/http/pagination';
import { MailRequest, MailService } from '../../../platform/mail/mail.service';
import { Problem } from '../../../platform/http/problem';
import { DocumentNumbers } from '../../../platform/numbering/document-numbers';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { actsOnAnyOrder } from '../brokerage-access';
import { PartiesService } from '../parties/parties.service';
import { ProductsService } from '../products/products.service';
import { renderBrokerageDocumentPdf } from '../documents/document-pdf';
import { SettingsService } from '../settings/settings.service';
import {
  CancelPurchaseOrderDto,
  CreatePurchaseOrderDto,
  ListPurchaseOrdersQueryDto,
  PurchaseOrderDto,
  PurchaseOrderLineInputDto,
  ReceivePurchaseOrderDto,
  UpdatePurchaseOrderDto,
} from './dto/purchase-order.dto';
import { PurchaseOrderLine } from './purchase-order-line.entity';
import { PurchaseOrder } from './purchase-order.entity';
import {
  assertMayApprove,
  lineTotal,
  orderTotal,
  PURCHASE_ORDER_LIFECYCLE,
  PurchaseOrderStatus,
  weightUnitProblem,
} from './purchase-order-rules';
import { PurchaseOrdersRepository } from './purchase-orders.repository';
import { PurchaseOrderDocumentParts, purchaseOrderDocument, purchaseOrderRecipient } from './purchase-order-document';
import {
  PURCHASE_ORDER_MAIL_PURPOSE,
  PURCHASE_ORDER_MAIL_TEMPLATE,
  purchaseOrderMail,
  PurchaseOrderMailData,
} from './purchase-order.mail';
import { PurchaseOrderSentDto } from './dto/purchase-order-send.dto';
import { PurchaseOrderPdf, SENDABLE_PURCHASE_ORDER_STATUSES } from './purchase-order-sending';

const SEQUENCE = 'brokerage.purchase_order';
const iso = (d: Date | null) => d?.toISOString() ?? null;

function toPurchaseOrderDto(o: PurchaseOrder, lines: PurchaseOrderLine[]): PurchaseOrderDto {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    supplierId: o.supplierId,
    plantId: o.plantId,
    carrierId: o.carrierId,
    contactId: o.contactId,
    orderDate: o.orderDate,
    pickupDate: o.pickupDate,
    deliveryDate: o.deliveryDate,
    supplierConfirmationNumber: o.supplierConfirmationNumber,
    carrierReleaseNumber: o.carrierReleaseNumber,
    appointmentMethod: o.appointmentMethod,
    total: o.total,
    currency: o.currency,
    notes: o.notes,
    createdById: o.createdById,
    approvedById: o.approvedById,
    approvedAt: iso(o.approvedAt),
    receivedAt: iso(o.receivedAt),
    closedAt: iso(o.closedAt),
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason,
    qualityScore: o.qualityScore,
    createdAt: o.createdAt.toISOString(),
    lines: lines
      .filter((l) => l.purchaseOrderId === o.id)
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
        receivedCases: l.receivedCases,
        receivedWeight: l.receivedWeight,
      })),
  };
}

/** The order's own fields of a request (its lines are rows of their own). */
function orderFields<T extends { lines?: unknown }>(dto: T): Omit<T, 'lines'> {
  const { lines, ...fields } = dto;
  void lines;
  return fields;
}

/** Lines whose weight unit does not match their price basis: 400 at each, before any statement. */
function assertLineUnits(lines: readonly PurchaseOrderLineInputDto[]): void {
  const errors = lines.flatMap((line, i) => {
    const problem = weightUnitProblem(line);
    return problem ? [{ path: `lines.${i}.weightUnit`, message: problem }] : [];
  });
  if (errors.length) throw Problem.validation(errors);
}

type Event = 'approved' | 'received' | 'cancelled';

/**
 * Purchase orders: drafted and submitted by brokers, approved by managers, received with actual
 * weights, closed. Numbers are per org and gapless (the org's PO prefix and `DocumentNumbers`),
 * totals are the server's, and the parties and products an order names are share-locked while it
 * is written (in a fixed order: supplier, plant, carrier, then products by id, then the counter).
 */
@Injectable()
export class PurchaseOrdersService implements OnModuleInit {
  constructor(
    private readonly orders: PurchaseOrdersRepository,
    private readonly parties: PartiesService,
    private readonly products: ProductsService,
    private readonly settings: SettingsService,
    private readonly numbers: DocumentNumbers,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.mail.defineTemplate(PURCHASE_ORDER_MAIL_TEMPLATE, purchaseOrderMail);
  }

  async list(orgId: string, q: ListPurchaseOrdersQueryDto): Promise<Page<PurchaseOrderDto>> {
    const rows = await this.orders.page(orgId, { status: q.status, supplierId: q.supplierId }, q);
    const lines = await this.orders.lines(
      orgId,
      rows.slice(0, q.limit).map((o) => o.id),
    );
    return keysetPage(
      rows,
      q.limit,
      (o) => timeAndId(o.createdAt, o.id),
      (o) => toPurchaseOrderDto(o, lines),
    );
  }

  async get(orgId: string, id: string): Promise<PurchaseOrderDto> {
    const order = await this.orders.load(orgId, id);
    return toPurchaseOrderDto(order, await this.orders.lines(orgId, [id]));
  }

  async create(access: OrgAccess, dto: CreatePurchaseOrderDto): Promise<PurchaseOrderDto> {
    assertLineUnits(dto.lines);
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    return this.orders.transaction(async (tx) => {
      await this.parties.checkOrderReferences(tx, orgId, dto);
      const lines = await this.products.priceOrderLines(tx, orgId, dto.lines);
      const number = await this.numbers.next(tx, orgId, SEQUENCE, settings.poPrefix);
      const order = await this.orders.save(
        tx,
        tx.create(PurchaseOrder, {
          ...orderFields(dto),
          orgId,
          sequenceNumber: String(number.value),
          number: number.formatted,
          status: 'draft',
          orderDate: dto.orderDate ?? new Date().toISOString().slice(0, 10),
          currency: settings.currency,
          total: orderTotal(lines.map((l) => l.total!)),
          createdById: access.userId,
        }),
      );
      const saved = await this.orders.replaceLines(tx, order, lines);
      return this.answer(tx, order, saved);
    });
  }

  /** Changes a draft: its creator or an officer; `lines` replaces them and the total follows. */
  async update(access: OrgAccess, id: string, dto: UpdatePurchaseOrderDto): Promise<PurchaseOrderDto> {
    if (dto.lines) assertLineUnits(dto.lines);
    const orgId = access.org.id;
    return this.orders.transaction(async (tx) => {
      const order = await this.lockOwn(tx, access, id);
      if (order.status !== 'draft')
        throw Problem.conflict(
          `The purchase order is ${order.status}; only drafts can be changed`,
          'order-not-editable',
          {
            currentState: order.status,
          },
        );
      await this.parties.checkOrderReferences(tx, orgId, dto);
      const input = dto.lines;
      for (const [field, value] of Object.entries(orderFields(dto)))
        if (value !== undefined) (order as unknown as Record<string, unknown>)[field] = value;
      let lines = await this.orders.lines(orgId, [order.id], tx);
      if (input) {
        lines = await this.orders.replaceLines(tx, order, await this.products.priceOrderLines(tx, orgId, input));
        order.total = orderTotal(lines.map((l) => l.total));
      }
      return this.answer(tx, await this.orders.save(tx, order), lines);
    });
  }

  /** Sends a draft for approval: its creator or an officer. */
  submit(access: OrgAccess, id: string): Promise<PurchaseOrderDto> {
    return this.move(access, id, 'pending_approval', null, async () => undefined);
  }

  /** Approves an order: an officer, not its creator unless the org allows self-approval. */
  async approve(access: OrgAccess, id: string): Promise<PurchaseOrderDto> {
    const settings = await this.settings.load(access.org.id);
    return this.move(access, id, 'approved', 'approved', async (tx, order) => {
      assertMayApprove(order, access.userId, settings.allowSelfApproval);
      order.approvedById = access.userId;
      order.approvedAt = new Date();
    });
  }

  /**
   * Records what arrived: every line's cases and actual weight. Catch-weight lines are then
   * billed on the weight received, so the order's total moves with them.
   */
  receive(access: OrgAccess, id: string, dto: ReceivePurchaseOrderDto): Promise<PurchaseOrderDto> {
    return this.move(access, id, 'received', 'received', async (tx, order, lines) => {
      const received = new Map(dto.lines.map((l) => [l.lineId, l]));
      if (
        received.size !== dto.lines.length ||
        lines.some((l) => !received.has(l.id)) ||
        received.size !== lines.length
      )
        throw Problem.validation([{ path: 'lines', message: 'lines must name every line of the order once' }]);
      for (const line of lines) {
        const got = received.get(line.id)!;
        line.receivedCases = got.receivedCases;
        line.receivedWeight = got.receivedWeight;
        line.total = lineTotal(line);
      }
      await this.orders.saveLines(tx, lines);
      order.total = orderTotal(lines.map((l) => l.total));
      order.receivedAt = new Date();
      order.qualityScore = dto.qualityScore ?? null;
    });
  }

  /** Closes a received order (an officer). */
  close(access: OrgAccess, id: string): Promise<PurchaseOrderDto> {
    return this.move(access, id, 'closed', null, async (_tx, order) => {
      order.closedAt = new Date();
    });
  }

  /** Cancels an order not yet received, with a reason: officers any, members their own drafts. */
  cancel(access: OrgAccess, id: string, dto: CancelPurchaseOrderDto): Promise<PurchaseOrderDto> {
    return this.move(access, id, 'cancelled', 'cancelled', async (_tx, order) => {
      if (!actsOnAnyOrder(access) && order.status !== 'draft')
        throw Problem.forbidden('Members cancel only their own drafts; ask an officer');
      order.cancelledAt = new Date();
      order.cancelReason = dto.reason;
    });
  }

  /** The order's PDF: the order, its supplier, plant, carrier, contact and lines, issued by the org. */
  async pdf(access: OrgAccess, id: string): Promise<PurchaseOrderPdf> {
    const orgId = access.org.id;
    const order = await this.orders.load(orgId, id);
    const lines = await this.orders.lines(orgId, [id]);
    return this.renderPdf(order, lines, await this.documentParts(access, order, lines));
  }

  /**
   * Mails an approved order's PDF to the supplier: the order's contact when linked to the supplier,
   * else the supplier's contact with an ordering role, else the supplier's email (none: 409
   * `no-supplier-contact`). Only approved orders go out (409 `order-not-sendable` with
   * `currentState`): a draft is not agreed yet, and a received, closed or cancelled one is done.
   * An order may be sent again (a lost mail, a new contact): each send queues one mail. The send is
   * audited and announced (`brokerage.purchase_order.sent`) in the transaction that queues the mail.
   */
  async send(access: OrgAccess, id: string): Promise<PurchaseOrderSentDto> {
    const orgId = access.org.id;
    return this.orders.transaction(async (tx) => {
      const order = await this.orders.load(orgId, id, tx, true);
      if (!SENDABLE_PURCHASE_ORDER_STATUSES.includes(order.status))
        throw Problem.conflict(
          `The purchase order is ${order.status}; only approved orders are sent to the supplier`,
          'order-not-sendable',
          { currentState: order.status, allowedStates: [...SENDABLE_PURCHASE_ORDER_STATUSES] },
        );
      const lines = await this.orders.lines(orgId, [order.id], tx);
      const parts = await this.documentParts(access, order, lines, tx);
      const recipient = purchaseOrderRecipient(
        order.contactId,
        await this.orders.partyContacts(orgId, order.supplierId, tx),
        parts.supplier.email,
      );
      if (!recipient)
        throw Problem.conflict(
          `${parts.supplier.name} has no email: link a contact with an ordering role (sales, orders, purchasing) ` +
            "or set the supplier's email",
          'no-supplier-contact',
          { supplierId: order.supplierId },
        );
      const sentAt = new Date();
      const pdf = await this.renderPdf(order, lines, parts, sentAt);
      const data: PurchaseOrderMailData = {
        orgName: parts.issuer.legalName,
        number: order.number,
        recipientName: recipient.name,
        supplierName: parts.supplier.name,
        orderDate: order.orderDate,
        pickupDate: order.pickupDate,
        deliveryDate: order.deliveryDate,
        total: order.total,
        currency: order.currency,
        lineCount: lines.length,
        replyTo: parts.issuer.contactEmail,
        fileName: pdf.fileName,
      };
      // `attachments` rides along in the mail job; the platform mailer hands it to the transport
      // once it supports attachments (see the report of issue 14 item 4).
      const request: MailRequest<PurchaseOrderMailData> = {
        to: recipient.to,
        template: PURCHASE_ORDER_MAIL_TEMPLATE,
        data,
        purpose: PURCHASE_ORDER_MAIL_PURPOSE,
        subjectId: randomUUID(),
        attachments: [
          { filename: pdf.fileName, contentType: 'application/pdf', contentBase64: pdf.bytes.toString('base64') },
        ],
      };
      await this.mail.send(tx, request);
      const sent: PurchaseOrderSentDto = {
        purchaseOrderId: order.id,
        number: order.number,
        sentTo: recipient.to,
        contactId: recipient.contactId,
        sentAt: sentAt.toISOString(),
        fileName: pdf.fileName,
      };
      await this.events.record(tx, {
        orgId,
        type: 'brokerage.purchase_order.sent',
        subjectId: order.id,
        payload: { ...sent },
      });
      await this.audit.recordInTransaction(tx, sent);
      return sent;
    });
  }

  private async renderPdf(
    order: PurchaseOrder,
    lines: PurchaseOrderLine[],
    parts: PurchaseOrderDocumentParts,
    printedAt?: Date,
  ): Promise<PurchaseOrderPdf> {
    const bytes = await renderBrokerageDocumentPdf(
      purchaseOrderDocument(order, lines, parts, printedAt ?? order.updatedAt),
    );
    return { bytes, fileName: `${order.number.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf` };
  }

  /** What the printed order shows beside the order: the org's settings, its parties, contact and products. */
  private async documentParts(
    access: OrgAccess,
    order: PurchaseOrder,
    lines: PurchaseOrderLine[],
    tx?: EntityManager,
  ): Promise<PurchaseOrderDocumentParts> {
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId, tx);
    const parties = await this.orders.partiesByIds(orgId, [order.supplierId, order.plantId, order.carrierId], tx);
    const supplier = parties.get(order.supplierId);
    const plant = order.plantId ? parties.get(order.plantId) : undefined;
    const carrier = order.carrierId ? parties.get(order.carrierId) : undefined;
    const contact = await this.orders.contact(orgId, order.contactId, tx);
    return {
      issuer: {
        legalName: settings.legalName || access.org.name,
        contactEmail: settings.contactEmail,
        address: settings.address,
      },
      supplier: {
        name: supplier?.name ?? 'Supplier',
        address: supplier?.address ?? null,
        email: supplier?.email ?? null,
        phone: supplier?.phone ?? null,
      },
      plant: plant ? { name: plant.name, address: plant.address } : null,
      carrier: carrier ? { name: carrier.name } : null,
      contact: contact ? { name: [contact.firstName, contact.lastName].filter(Boolean).join(' ') } : null,
      products: await this.orders.productLabels(
        orgId,
        lines.map((l) => l.productId),
        tx,
      ),
    };
  }

  /**
   * One state move in a transaction: the order locked (submitting and cancelling also check that
   * a member acts on their own order), the move checked against the lifecycle, `work` done, then
   * saved, announced and audited together.
   */
  private move(
    access: OrgAccess,
    id: string,
    to: PurchaseOrderStatus,
    event: Event | null,
    work: (tx: EntityManager, order: PurchaseOrder, lines: PurchaseOrderLine[]) => Promise<void>,
  ): Promise<PurchaseOrderDto> {
    const orgId = access.org.id;
    return this.orders.transaction(async (tx) => {
      const order =
        to === 'pending_approval' || to === 'cancelled'
          ? await this.lockOwn(tx, access, id)
          : await this.orders.load(orgId, id, tx, true);
      PURCHASE_ORDER_LIFECYCLE.assert(order.status, to);
      const lines = await this.orders.lines(orgId, [order.id], tx);
      await work(tx, order, lines);
      order.status = to;
      const saved = await this.orders.save(tx, order);
      const dto = await this.answer(tx, saved, lines);
      if (event)
        await this.events.record(tx, {
          orgId,
          type: `brokerage.purchase_order.${event}`,
          subjectId: saved.id,
          payload: { ...dto },
        });
      return dto;
    });
  }

  /** The order, locked: 404 when not the org's; a member who did not create it gets 403. */
  private async lockOwn(tx: EntityManager, access: OrgAccess, id: string): Promise<PurchaseOrder> {
    const order = await this.orders.load(access.org.id, id, tx, true);
    if (!actsOnAnyOrder(access) && order.createdById !== access.userId)
      throw Problem.forbidden('Members act only on the purchase orders they created');
    return order;
  }

  /** The audited answer. */
  private async answer(tx: EntityManager, order: PurchaseOrder, lines: PurchaseOrderLine[]): Promise<PurchaseOrderDto> {
    const dto = toPurchaseOrderDto(order, lines);
    await this.audit.recordInTransaction(tx, dto);
    return dto;
  }
}
