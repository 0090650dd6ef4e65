import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { invalidTransition } from '../../../../platform/domain/state-machine';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { FilesService } from '../../../../platform/files/files.service';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { MailService } from '../../../../platform/mail/mail.service';
import { DocumentNumbers } from '../../../../platform/numbering/document-numbers';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { renderBrokerageDocumentPdf } from '../../documents/document-pdf';
import { billedWeight, lineTotal, weightUnitProblem } from '../../purchase-orders/purchase-order-rules';
import { SettingsService } from '../../settings/settings.service';
import { INVOICE_TEMPLATE, invoiceMail } from '../sales-mail';
import { SalesOrdersService } from '../sales-orders/sales-orders.service';
import {
  CreateCreditNoteDto,
  CreateInvoiceDto,
  CreateInvoiceFromSalesOrderDto,
  InvoiceDto,
  InvoiceLineInputDto,
  ListInvoicesQueryDto,
  UpdateInvoiceDto,
  VoidInvoiceDto,
} from './dto/invoice.dto';
import { invoiceDocument } from './invoice-document';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice } from './invoice.entity';
import {
  creditApplied,
  daysOverdue,
  INVOICE_LIFECYCLE,
  invoiceDueDate,
  invoiceTotals,
  isOverdue,
  statusForOutstanding,
  todayIn,
} from './invoice-rules';
import { InvoicesRepository } from './invoices.repository';

const SEQUENCES = { invoice: 'brokerage.invoice', credit_note: 'brokerage.credit_note' } as const;
/** Credit notes have a series of their own; the settings only name the invoice prefix. */
const CREDIT_NOTE_PREFIX = 'CN-';
const iso = (d: Date | null) => d?.toISOString() ?? null;

function toInvoiceDto(i: Invoice, lines: InvoiceLine[], today: string): InvoiceDto {
  return {
    id: i.id,
    kind: i.kind,
    number: i.number,
    status: i.status,
    customerId: i.customerId,
    salesOrderId: i.salesOrderId,
    creditedInvoiceId: i.creditedInvoiceId,
    invoiceDate: i.invoiceDate,
    dueDate: i.dueDate,
    customerPoNumber: i.customerPoNumber,
    currency: i.currency,
    taxRate: i.taxRate,
    subtotal: i.subtotal,
    tax: i.tax,
    total: i.total,
    outstanding: i.outstanding,
    overdue: i.kind === 'invoice' && isOverdue(i, today),
    daysOverdue: i.kind === 'invoice' && isOverdue(i, today) ? daysOverdue(i.dueDate, today) : 0,
    notes: i.notes,
    createdById: i.createdById,
    issuedById: i.issuedById,
    issuedAt: iso(i.issuedAt),
    pdfFileId: i.pdfFileId,
    cancelledAt: iso(i.cancelledAt),
    voidedAt: iso(i.voidedAt),
    voidReason: i.voidReason,
    createdAt: i.createdAt.toISOString(),
    lines: lines
      .filter((l) => l.invoiceId === i.id)
      .map((l) => ({
        id: l.id,
        lineNo: l.lineNo,
        productId: l.productId,
        description: l.description,
        cases: l.cases,
        weight: l.weight,
        weightUnit: l.weightUnit,
        priceBasis: l.priceBasis,
        unitPrice: l.unitPrice,
        total: l.total,
      })),
  };
}

function assertLineUnits(lines: readonly InvoiceLineInputDto[]): void {
  const errors = lines.flatMap((line, i) => {
    const problem = weightUnitProblem(line);
    return problem ? [{ path: `lines.${i}.weightUnit`, message: problem }] : [];
  });
  if (errors.length) throw Problem.validation(errors);
}

/** A line's total: the weight given is the actual one, billed as is. */
const billedTotal = (l: Pick<InvoiceLine, 'cases' | 'weight' | 'weightUnit' | 'priceBasis' | 'unitPrice'>) =>
  lineTotal({ ...l, weightType: 'net' });

/**
 * Invoices and credit notes. Drafts are entered by hand or made from a delivered sales order (its
 * delivered weights); issuing (treasurer or officer) numbers them from the org's gapless counter,
 * fixes the dates from the customer's terms and freezes them, then renders and stores the PDF. An
 * issued invoice is corrected by a credit note, which lowers what it owes when issued. Overdue is
 * derived from the due date in the org's time zone, never stored.
 */
@Injectable()
export class InvoicesService implements OnModuleInit {
  private readonly logger = new Logger(InvoicesService.name);

  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly salesOrders: SalesOrdersService,
    private readonly settings: SettingsService,
    private readonly numbers: DocumentNumbers,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly files: FilesService,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.mail.defineTemplate(INVOICE_TEMPLATE, invoiceMail);
  }

  async list(orgId: string, q: ListInvoicesQueryDto): Promise<Page<InvoiceDto>> {
    const today = await this.today(orgId);
    const filter = { ...q, today };
    const rows = await this.invoices.page(orgId, filter, q);
    const lines = await this.invoices.lines(
      orgId,
      rows.slice(0, q.limit).map((i) => i.id),
    );
    return keysetPage(
      rows,
      q.limit,
      (i) => timeAndId(i.createdAt, i.id),
      (i) => toInvoiceDto(i, lines, today),
    );
  }

  async get(orgId: string, id: string): Promise<InvoiceDto> {
    const invoice = await this.invoices.load(orgId, id);
    return toInvoiceDto(invoice, await this.invoices.lines(orgId, [id]), await this.today(orgId));
  }

  /** A draft by hand: the customer's lines as given. */
  async create(access: OrgAccess, dto: CreateInvoiceDto): Promise<InvoiceDto> {
    assertLineUnits(dto.lines);
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    return this.invoices.transaction(async (tx) => {
      await this.invoices.customer(orgId, dto.customerId, tx);
      const lines = await this.priceLines(tx, orgId, dto.lines);
      const invoice = tx.create(Invoice, {
        orgId,
        kind: 'invoice',
        status: 'draft',
        customerId: dto.customerId,
        invoiceDate: dto.invoiceDate ?? null,
        customerPoNumber: dto.customerPoNumber ?? null,
        currency: settings.currency,
        taxRate: dto.taxRate ?? '0',
        notes: dto.notes ?? '',
        createdById: access.userId,
      });
      return this.saveDraft(tx, invoice, lines, settings.timeZone);
    });
  }

  /** A draft for a delivered sales order: its customer, PO number and delivered lines. */
  async createFromSalesOrder(access: OrgAccess, dto: CreateInvoiceFromSalesOrderDto): Promise<InvoiceDto> {
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    return this.invoices.transaction(async (tx) => {
      const { order, lines } = await this.salesOrders.forInvoice(tx, orgId, dto.salesOrderId);
      if (order.status !== 'delivered')
        throw Problem.conflict(
          `The sales order is ${order.status}; invoice it once delivered`,
          'sales-order-not-delivered',
          { currentState: order.status },
        );
      const existing = await this.invoices.liveInvoiceOf(tx, orgId, order.id);
      if (existing)
        throw Problem.conflict(`${order.number} is already invoiced`, 'already-invoiced', { invoiceId: existing.id });
      const descriptions = await this.invoices.productDescriptions(
        orgId,
        lines.map((l) => l.productId),
        tx,
      );
      const billed = lines.map((l, i): Partial<InvoiceLine> => {
        const line = {
          productId: l.productId,
          description: descriptions.get(l.productId)!,
          cases: l.deliveredCases ?? l.cases,
          weight: billedWeight({ ...l, receivedWeight: l.deliveredWeight }),
          weightUnit: l.weightUnit,
          priceBasis: l.priceBasis,
          unitPrice: l.unitPrice,
        };
        return { ...line, lineNo: i + 1, total: billedTotal(line) };
      });
      const invoice = tx.create(Invoice, {
        orgId,
        kind: 'invoice',
        status: 'draft',
        customerId: order.customerId,
        salesOrderId: order.id,
        invoiceDate: dto.invoiceDate ?? null,
        customerPoNumber: order.customerPoNumber,
        currency: order.currency,
        taxRate: dto.taxRate ?? '0',
        notes: dto.notes ?? '',
        createdById: access.userId,
      });
      return this.saveDraft(tx, invoice, billed, settings.timeZone);
    });
  }

  /** Changes a draft; `lines` replaces them and the totals follow. Issued invoices never change. */
  async update(access: OrgAccess, id: string, dto: UpdateInvoiceDto): Promise<InvoiceDto> {
    if (dto.lines) assertLineUnits(dto.lines);
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    return this.invoices.transaction(async (tx) => {
      const invoice = await this.invoices.load(orgId, id, tx, true);
      if (invoice.status !== 'draft')
        throw Problem.conflict(
          `The invoice is ${invoice.status}; only drafts change (correct an issued one with a credit note)`,
          'invoice-not-editable',
          { currentState: invoice.status },
        );
      if (dto.invoiceDate !== undefined) invoice.invoiceDate = dto.invoiceDate;
      if (dto.customerPoNumber !== undefined) invoice.customerPoNumber = dto.customerPoNumber;
      if (dto.taxRate !== undefined) invoice.taxRate = dto.taxRate;
      if (dto.notes !== undefined) invoice.notes = dto.notes;
      const lines = dto.lines ? await this.priceLines(tx, orgId, dto.lines) : null;
      return this.saveDraft(tx, invoice, lines, settings.timeZone);
    });
  }

  /** A draft credit note correcting an issued invoice (it lowers what the invoice owes when issued). */
  async createCreditNote(access: OrgAccess, id: string, dto: CreateCreditNoteDto): Promise<InvoiceDto> {
    assertLineUnits(dto.lines);
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    return this.invoices.transaction(async (tx) => {
      const credited = await this.invoices.load(orgId, id, tx);
      if (credited.kind !== 'invoice' || !['issued', 'partly_paid'].includes(credited.status))
        throw Problem.conflict(
          `The ${credited.kind === 'invoice' ? 'invoice' : 'credit note'} is ${credited.status}; only open invoices take credit notes`,
          'invalid-transition',
          { currentState: credited.status },
        );
      const lines = await this.priceLines(tx, orgId, dto.lines);
      const note = tx.create(Invoice, {
        orgId,
        kind: 'credit_note',
        status: 'draft',
        customerId: credited.customerId,
        salesOrderId: credited.salesOrderId,
        creditedInvoiceId: credited.id,
        customerPoNumber: credited.customerPoNumber,
        currency: credited.currency,
        taxRate: dto.taxRate ?? credited.taxRate,
        notes: dto.notes,
        createdById: access.userId,
      });
      return this.saveDraft(tx, note, lines, settings.timeZone);
    });
  }

  /**
   * Issues a draft: the invoice date (the org's today unless set), the due date from the customer's
   * terms, and the next number of the org's gapless counter, taken last in the transaction (the
   * counter row stays locked until it commits, so numbers never skip or repeat). A credit note lowers
   * its invoice's outstanding (409 past it). The PDF is rendered and stored once it is committed.
   */
  async issue(access: OrgAccess, id: string): Promise<InvoiceDto> {
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    const issued = await this.invoices.transaction(async (tx) => {
      const invoice = await this.invoices.load(orgId, id, tx, true);
      INVOICE_LIFECYCLE.assert(invoice.status, 'issued');
      const customer = await this.invoices.customer(orgId, invoice.customerId, tx);
      invoice.invoiceDate ??= todayIn(settings.timeZone);
      invoice.dueDate = invoiceDueDate(customer.terms, invoice.invoiceDate);
      invoice.outstanding = invoice.kind === 'invoice' ? invoice.total : '0.00';
      if (invoice.kind === 'credit_note') await this.applyCredit(tx, invoice, settings.timeZone);
      const prefix = invoice.kind === 'invoice' ? settings.invoicePrefix : CREDIT_NOTE_PREFIX;
      const number = await this.numbers.next(tx, orgId, SEQUENCES[invoice.kind], prefix);
      invoice.sequenceNumber = String(number.value);
      invoice.number = number.formatted;
      invoice.status = 'issued';
      invoice.issuedById = access.userId;
      invoice.issuedAt = new Date();
      return this.announce(tx, await this.invoices.save(tx, invoice), 'issued', settings.timeZone);
    });
    return this.storePdfAfterIssue(access, issued);
  }

  /** Voids an issued invoice nobody has paid, with a reason: it no longer owes anything. */
  async void(access: OrgAccess, id: string, dto: VoidInvoiceDto): Promise<InvoiceDto> {
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    return this.invoices.transaction(async (tx) => {
      const invoice = await this.invoices.load(orgId, id, tx, true);
      INVOICE_LIFECYCLE.assert(invoice.status, 'void');
      if (invoice.kind === 'credit_note') throw invalidTransition('credit note', invoice.status, 'void');
      invoice.status = 'void';
      invoice.outstanding = '0.00';
      invoice.voidedAt = new Date();
      invoice.voidReason = dto.reason;
      return this.announce(tx, await this.invoices.save(tx, invoice), 'voided', settings.timeZone);
    });
  }

  /** Cancels a draft (it never had a number). */
  async cancel(access: OrgAccess, id: string): Promise<InvoiceDto> {
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    return this.invoices.transaction(async (tx) => {
      const invoice = await this.invoices.load(orgId, id, tx, true);
      INVOICE_LIFECYCLE.assert(invoice.status, 'cancelled');
      invoice.status = 'cancelled';
      invoice.cancelledAt = new Date();
      return this.announce(tx, await this.invoices.save(tx, invoice), null, settings.timeZone);
    });
  }

  /**
   * The invoice's PDF: the one stored at issue (rendered and stored now if that failed), or for a
   * draft or cancelled one a fresh rendering marked DRAFT, not stored.
   */
  async pdf(access: OrgAccess, id: string): Promise<{ stream: Readable; name: string }> {
    const orgId = access.org.id;
    const invoice = await this.invoices.load(orgId, id);
    const name = `${invoice.number ?? `draft-${invoice.id}`}.pdf`;
    if (!invoice.number) return { stream: Readable.from([await this.render(access, invoice)]), name };
    const fileId = invoice.pdfFileId ?? (await this.storePdf(access, invoice));
    return { stream: (await this.files.open(orgId, fileId)).stream, name };
  }

  /** Mails an issued invoice or credit note to the customer's accounts-payable contact (else the customer). */
  async send(access: OrgAccess, id: string): Promise<InvoiceDto> {
    const orgId = access.org.id;
    const settings = await this.settings.load(orgId);
    const invoice = await this.invoices.load(orgId, id);
    if (!invoice.number || invoice.status === 'void')
      throw Problem.conflict(`The invoice is ${invoice.status}; only issued invoices are sent`, 'invoice-not-issued', {
        currentState: invoice.status,
      });
    const customer = await this.invoices.customer(orgId, invoice.customerId);
    const to =
      (customer.apContactId && (await this.invoices.contactEmail(orgId, customer.apContactId))) || customer.email;
    if (!to)
      throw Problem.conflict(
        'The customer has no accounts-payable contact with an email, nor an email of its own',
        'no-recipient',
      );
    const pdf = await this.render(access, invoice);
    return this.invoices.transaction(async (tx) => {
      await this.mail.send(tx, {
        to,
        template: INVOICE_TEMPLATE,
        attachments: [
          { filename: `${invoice.number}.pdf`, contentType: 'application/pdf', contentBase64: pdf.toString('base64') },
        ],
        purpose: 'brokerage.invoice_send',
        // Every send is a mail of its own (a customer may ask again).
        subjectId: `${invoice.id}:${randomUUID()}`,
        data: {
          orgName: settings.legalName ?? access.org.name,
          title: invoice.kind === 'invoice' ? 'Invoice' : 'Credit note',
          number: invoice.number!,
          customerName: customer.name,
          invoiceDate: invoice.invoiceDate,
          dueDate: invoice.dueDate,
          total: invoice.total,
          outstanding: invoice.outstanding,
          currency: invoice.currency,
          customerPoNumber: invoice.customerPoNumber,
        },
      });
      const dto = toInvoiceDto(invoice, await this.invoices.lines(orgId, [id], tx), todayIn(settings.timeZone));
      await this.audit.recordInTransaction(tx, dto);
      return dto;
    });
  }

  /**
   * For payments (the receivables module): locks the org's invoices `ids` in id order, in `tx`
   * (404 unless all are the org's).
   */
  lockForPayment(tx: EntityManager, orgId: string, ids: string[]): Promise<Invoice[]> {
    return this.invoices.lockInIdOrder(tx, orgId, ids);
  }

  /**
   * For payments: what a locked, issued invoice owes after an allocation or its reversal, with the
   * status following (issued, partly_paid, paid; 409 invalid-transition otherwise), saved in `tx`;
   * `brokerage.invoice.paid` when it is paid off.
   */
  async settlePayment(tx: EntityManager, invoice: Invoice, outstanding: string, timeZone: string): Promise<Invoice> {
    const status = statusForOutstanding(invoice.total, outstanding);
    const before = invoice.status;
    if (status !== before) INVOICE_LIFECYCLE.assert(before, status);
    invoice.outstanding = outstanding;
    invoice.status = status;
    const saved = await this.invoices.save(tx, invoice);
    if (status === 'paid' && before !== 'paid') await this.announce(tx, saved, 'paid', timeZone, false);
    return saved;
  }

  /** A credit note's effect at issue: its invoice (locked after the note) owes less, its status follows. */
  private async applyCredit(tx: EntityManager, note: Invoice, timeZone: string): Promise<void> {
    const credited = await this.invoices.load(note.orgId, note.creditedInvoiceId!, tx, true);
    if (!['issued', 'partly_paid'].includes(credited.status))
      throw invalidTransition('credited invoice', credited.status, 'partly_paid');
    const left = creditApplied(credited.outstanding, note.total);
    if (left === null)
      throw Problem.conflict(
        `The credit of ${note.total} exceeds the ${credited.outstanding} outstanding`,
        'credit-exceeds-outstanding',
        { outstanding: credited.outstanding },
      );
    const status = statusForOutstanding(credited.total, left);
    if (status !== credited.status) INVOICE_LIFECYCLE.assert(credited.status, status);
    credited.outstanding = left;
    credited.status = status;
    await this.invoices.save(tx, credited);
    if (status === 'paid') await this.announce(tx, credited, 'paid', timeZone, false);
  }

  private async saveDraft(
    tx: EntityManager,
    invoice: Invoice,
    input: Partial<InvoiceLine>[] | null,
    timeZone: string,
  ): Promise<InvoiceDto> {
    const saved = await this.invoices.save(tx, invoice);
    let lines = await this.invoices.lines(invoice.orgId, [saved.id], tx);
    if (input) lines = await this.invoices.replaceLines(tx, saved, input);
    Object.assign(
      saved,
      invoiceTotals(
        lines.map((l) => l.total),
        saved.taxRate,
      ),
    );
    const dto = toInvoiceDto(await this.invoices.save(tx, saved), lines, todayIn(timeZone));
    await this.audit.recordInTransaction(tx, dto);
    return dto;
  }

  /** Saves nothing: builds the answer, audits it and records the event (when there is one). */
  private async announce(
    tx: EntityManager,
    invoice: Invoice,
    event: 'issued' | 'voided' | 'paid' | null,
    timeZone: string,
    audited = true,
  ): Promise<InvoiceDto> {
    const dto = toInvoiceDto(invoice, await this.invoices.lines(invoice.orgId, [invoice.id], tx), todayIn(timeZone));
    if (audited) await this.audit.recordInTransaction(tx, dto);
    if (event)
      await this.events.record(tx, {
        orgId: invoice.orgId,
        type: `brokerage.invoice.${event}`,
        subjectId: invoice.id,
        payload: { ...dto },
      });
    return dto;
  }

  /** Lines with product descriptions (404 unless the org's products) and the server's totals. */
  private async priceLines(tx: EntityManager, orgId: string, input: InvoiceLineInputDto[]) {
    const descriptions = await this.invoices.productDescriptions(
      orgId,
      input.map((l) => l.productId),
      tx,
    );
    return input.map((l, i): Partial<InvoiceLine> => ({
      ...l,
      description: l.description ?? descriptions.get(l.productId)!,
      lineNo: i + 1,
      total: billedTotal(l),
    }));
  }

  /** After issue: the PDF rendered and stored; a failure leaves it for `pdf` to make later. */
  private async storePdfAfterIssue(access: OrgAccess, dto: InvoiceDto): Promise<InvoiceDto> {
    try {
      const invoice = await this.invoices.load(access.org.id, dto.id);
      return { ...dto, pdfFileId: await this.storePdf(access, invoice) };
    } catch (error) {
      this.logger.error({ err: error, invoiceId: dto.id }, 'invoice PDF not stored at issue; made on first download');
      return dto;
    }
  }

  /** Renders an issued invoice, stores the PDF and records it on the invoice (unless one was stored meanwhile). */
  private async storePdf(access: OrgAccess, invoice: Invoice): Promise<string> {
    const bytes = await this.render(access, invoice);
    return this.invoices.transaction(async (tx) => {
      const locked = await this.invoices.load(invoice.orgId, invoice.id, tx, true);
      if (locked.pdfFileId) return locked.pdfFileId;
      const file = await this.files.store(tx, {
        orgId: invoice.orgId,
        uploaderId: access.userId,
        purpose: 'document',
        bytes,
        declaredName: `${invoice.number}.pdf`,
      });
      locked.pdfFileId = file.id;
      await this.invoices.save(tx, locked);
      return file.id;
    });
  }

  private async render(access: OrgAccess, invoice: Invoice): Promise<Buffer> {
    const [settings, customer, lines] = await Promise.all([
      this.settings.load(invoice.orgId),
      this.invoices.customer(invoice.orgId, invoice.customerId),
      this.invoices.lines(invoice.orgId, [invoice.id]),
    ]);
    const creditedNumber = invoice.creditedInvoiceId
      ? (await this.invoices.load(invoice.orgId, invoice.creditedInvoiceId)).number
      : null;
    return renderBrokerageDocumentPdf(
      invoiceDocument(invoice, lines, { settings, orgName: access.org.name, customer, creditedNumber }),
    );
  }

  private async today(orgId: string): Promise<string> {
    return todayIn((await this.settings.load(orgId)).timeZone);
  }
}
