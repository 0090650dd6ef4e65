import { Injectable } from '@nestjs/common';
import { Problem } from '../../../../platform/http/problem';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { PartiesService } from '../../parties/parties.service';
import { PurchaseOrdersService } from '../../purchase-orders/purchase-orders.service';
import type { CreatePurchaseOrderDto } from '../../purchase-orders/dto/purchase-order.dto';
import { AssistantLookups } from '../assistant-lookups';
import { AssistantProposal } from './assistant-proposal.entity';
import { AssistantProposalsRepository } from './assistant-proposals.repository';
import { AssistantProposalDto, ListAssistantProposalsQueryDto } from './dto/assistant-proposal.dto';
import {
  PurchaseOrderProposalPayload,
  ProposalResult,
  STALE_CLAIM_MS,
  SupplierProposalPayload,
} from './proposal-rules';

function toProposalDto(p: AssistantProposal): AssistantProposalDto {
  return {
    id: p.id,
    documentId: p.documentId,
    kind: p.kind,
    status: p.status,
    supplier: p.kind === 'supplier' ? (p.payload as SupplierProposalPayload) : null,
    purchaseOrder: p.kind === 'purchase_order' ? (p.payload as PurchaseOrderProposalPayload) : null,
    dependsOnId: p.dependsOnId,
    result: p.result,
    appliedById: p.appliedById,
    appliedAt: p.appliedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** How long a second apply waits for one in progress before it answers 409 `proposal-in-progress`. */
const WAIT_ATTEMPTS = 200;
const WAIT_MS = 50;

type Claim = { mine: true; proposal: AssistantProposal } | { mine: false; proposal: AssistantProposal | null };

/**
 * Proposals read from documents, applied by members through the brokerage's own services (the
 * suppliers' and purchase orders' rules, numbering, events and audit): never written directly.
 * Applying is idempotent: the proposal is claimed (`applying`) in a transaction of its own, the
 * record created by the service, then the proposal marked `applied` with what was created; a
 * second apply answers that, one arriving meanwhile waits for it. A service refusal (4xx) releases
 * the claim and reaches the client unchanged.
 */
@Injectable()
export class AssistantProposalsService {
  constructor(
    private readonly proposals: AssistantProposalsRepository,
    private readonly parties: PartiesService,
    private readonly purchaseOrders: PurchaseOrdersService,
    private readonly lookups: AssistantLookups,
  ) {}

  async list(orgId: string, q: ListAssistantProposalsQueryDto): Promise<Page<AssistantProposalDto>> {
    const rows = await this.proposals.page(orgId, { status: q.status, kind: q.kind, documentId: q.documentId }, q);
    return keysetPage(rows, q.limit, (p) => timeAndId(p.createdAt, p.id), toProposalDto);
  }

  async get(orgId: string, id: string): Promise<AssistantProposalDto> {
    return toProposalDto(await this.proposals.load(orgId, id));
  }

  async apply(access: OrgAccess, id: string): Promise<AssistantProposalDto> {
    const orgId = access.org.id;
    const claim = await this.claim(orgId, id);
    if (!claim.mine) return toProposalDto(claim.proposal!);
    let result: ProposalResult;
    try {
      result = await this.create(access, claim.proposal);
    } catch (error) {
      await this.release(orgId, id);
      throw error;
    }
    return this.proposals.transaction(async (tx) => {
      const proposal = await this.proposals.load(orgId, id, tx, true);
      Object.assign(proposal, {
        status: 'applied',
        result,
        appliedById: access.userId,
        appliedAt: new Date(),
        claimedAt: null,
      });
      return toProposalDto(await this.proposals.save(tx, proposal));
    });
  }

  /** Drops a pending proposal (409 `invalid-transition` once applied). */
  dismiss(orgId: string, id: string): Promise<AssistantProposalDto> {
    return this.proposals.transaction(async (tx) => {
      const proposal = await this.proposals.load(orgId, id, tx, true);
      if (proposal.status === 'dismissed') return toProposalDto(proposal);
      if (proposal.status !== 'pending') throw notPending(proposal);
      proposal.status = 'dismissed';
      return toProposalDto(await this.proposals.save(tx, proposal));
    });
  }

  /** Claims the proposal for this apply, or answers the applied one, waiting for an apply in progress. */
  private async claim(orgId: string, id: string): Promise<Claim & { proposal: AssistantProposal }> {
    for (let attempt = 0; attempt < WAIT_ATTEMPTS; attempt++) {
      const claim = await this.proposals.transaction(async (tx): Promise<Claim> => {
        const proposal = await this.proposals.load(orgId, id, tx, true);
        if (proposal.status === 'applied') return { mine: false, proposal };
        if (proposal.status === 'dismissed') throw notPending(proposal);
        const stale = proposal.claimedAt !== null && Date.now() - proposal.claimedAt.getTime() > STALE_CLAIM_MS;
        if (proposal.status === 'applying' && !stale) return { mine: false, proposal: null };
        Object.assign(proposal, { status: 'applying', claimedAt: new Date() });
        return { mine: true, proposal: await this.proposals.save(tx, proposal) };
      });
      if (claim.proposal) return claim as Claim & { proposal: AssistantProposal };
      await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
    throw Problem.conflict('The proposal is being applied; retry shortly', 'proposal-in-progress');
  }

  private async release(orgId: string, id: string): Promise<void> {
    await this.proposals.transaction(async (tx) => {
      const proposal = await this.proposals.load(orgId, id, tx, true);
      if (proposal.status !== 'applying') return;
      Object.assign(proposal, { status: 'pending', claimedAt: null });
      await this.proposals.save(tx, proposal);
    });
  }

  private async create(access: OrgAccess, proposal: AssistantProposal): Promise<ProposalResult> {
    if (proposal.kind === 'supplier') {
      const payload = proposal.payload as SupplierProposalPayload;
      const supplier = await this.parties.create(access.org.id, 'supplier', { name: payload.name });
      return { supplierId: supplier.id };
    }
    const dto = await this.purchaseOrderInput(access.org.id, proposal);
    const order = await this.purchaseOrders.create(access, dto);
    return { purchaseOrderId: order.id, purchaseOrderNumber: order.number };
  }

  /** The order as the purchase orders service takes it, with the supplier and products resolved now. */
  private async purchaseOrderInput(orgId: string, proposal: AssistantProposal): Promise<CreatePurchaseOrderDto> {
    const payload = proposal.payload as PurchaseOrderProposalPayload;
    const supplierId = await this.supplierOf(orgId, proposal, payload);
    const missing = payload.lines.filter((l) => !l.productId).map((l) => l.productCode);
    const found = missing.length ? await this.lookups.productIdsByCode(orgId, missing) : new Map<string, string>();
    const errors = payload.lines.flatMap((l, i) =>
      l.productId || found.has(l.productCode)
        ? []
        : [{ path: `purchaseOrder.lines.${i}.productId`, message: `no active product has the code ${l.productCode}` }],
    );
    if (errors.length) throw Problem.validation(errors);
    return {
      supplierId,
      ...(payload.orderDate ? { orderDate: payload.orderDate } : {}),
      pickupDate: payload.pickupDate,
      deliveryDate: payload.deliveryDate,
      supplierConfirmationNumber: payload.documentNumber,
      notes: 'Drafted by the assistant from an uploaded document.',
      lines: payload.lines.map((l) => ({
        productId: l.productId ?? found.get(l.productCode)!,
        cases: l.cases,
        weight: l.weight,
        weightUnit: l.weightUnit,
        priceBasis: l.priceBasis,
        unitPrice: l.unitPrice,
      })),
    };
  }

  /** The supplier found on reading, else the one its supplier proposal created, else one of that name now. */
  private async supplierOf(
    orgId: string,
    proposal: AssistantProposal,
    payload: PurchaseOrderProposalPayload,
  ): Promise<string> {
    if (payload.supplierId) return payload.supplierId;
    if (proposal.dependsOnId) {
      const supplierProposal = await this.proposals.load(orgId, proposal.dependsOnId).catch(() => null);
      if (supplierProposal?.result?.supplierId) return supplierProposal.result.supplierId;
    }
    const byName = payload.supplierName ? await this.lookups.supplierIdByName(orgId, payload.supplierName) : null;
    if (byName) return byName;
    throw Problem.conflict(
      payload.supplierName
        ? `No supplier named ${payload.supplierName} is on file: apply the supplier proposal first`
        : 'The document names no supplier',
      'proposal-supplier-unresolved',
      { supplierName: payload.supplierName, dependsOnId: proposal.dependsOnId },
    );
  }
}

function notPending(proposal: AssistantProposal): Problem {
  return Problem.conflict(`The proposal is ${proposal.status}`, 'invalid-transition', {
    currentState: proposal.status,
  });
}
