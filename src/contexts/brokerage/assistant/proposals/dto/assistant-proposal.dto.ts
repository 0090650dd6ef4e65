import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { ExtractedLineDto } from '../../documents/dto/assistant-document.dto';
import { PROPOSAL_KINDS, PROPOSAL_STATUSES, type ProposalKind, type ProposalStatus } from '../proposal-rules';

const KIND = { enum: PROPOSAL_KINDS, enumName: 'BrokerageAssistantProposalKind' } as const;
const STATUS = { enum: PROPOSAL_STATUSES, enumName: 'BrokerageAssistantProposalStatus' } as const;

export class ListAssistantProposalsQueryDto extends CursorPageQueryDto {
  @ApiProperty({ ...STATUS, required: false })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: ProposalStatus;

  @ApiProperty({ ...KIND, required: false })
  @IsOptional()
  @IsIn(PROPOSAL_KINDS)
  kind?: ProposalKind;

  /** Only the proposals read from this document. */
  @IsOptional()
  @IsUUID()
  documentId?: string;
}

/** A supplier to add. */
export class SupplierProposalDto {
  name: string;
}

export class PurchaseOrderProposalLineDto extends ExtractedLineDto {
  /** The org's active product with that code, when one was found (else it is looked up again on apply). */
  productId: string | null;
}

/** A purchase order to draft (the server numbers and prices it when applied). */
export class PurchaseOrderProposalDto {
  supplierName: string | null;
  /** The supplier on file with that name, when one was found. */
  supplierId: string | null;
  /** The document's own number for the order, kept as the supplier's confirmation number. */
  documentNumber: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  orderDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  pickupDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  deliveryDate: string | null;
  @ApiProperty({ type: [PurchaseOrderProposalLineDto] })
  lines: PurchaseOrderProposalLineDto[];
}

/** What applying created. */
export class AssistantProposalResultDto {
  supplierId?: string;
  purchaseOrderId?: string;
  purchaseOrderNumber?: string;
}

export class AssistantProposalDto {
  id: string;
  documentId: string | null;
  @ApiProperty(KIND)
  kind: ProposalKind;
  @ApiProperty(STATUS)
  status: ProposalStatus;
  /** Set when `kind` is `supplier`. */
  @ApiProperty({ type: SupplierProposalDto, nullable: true })
  supplier: SupplierProposalDto | null;
  /** Set when `kind` is `purchase_order`. */
  @ApiProperty({ type: PurchaseOrderProposalDto, nullable: true })
  purchaseOrder: PurchaseOrderProposalDto | null;
  /** The supplier proposal to apply first (a purchase order of a supplier not on file yet). */
  dependsOnId: string | null;
  @ApiProperty({ type: AssistantProposalResultDto, nullable: true })
  result: AssistantProposalResultDto | null;
  appliedById: string | null;
  appliedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
