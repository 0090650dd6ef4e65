import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { WEIGHT_UNITS } from '../../../common/money.dto';
import { PRICE_BASES } from '../../../purchase-orders/purchase-order-rules';
import { DOCUMENT_CLASSES, type DocumentClass } from '../document-extraction';
import { DOCUMENT_EXTRACTORS, DOCUMENT_STATUSES, type DocumentExtractor, type DocumentStatus } from '../document-rules';

const STATUS = { enum: DOCUMENT_STATUSES, enumName: 'BrokerageAssistantDocumentStatus' } as const;

export class ListAssistantDocumentsQueryDto extends CursorPageQueryDto {
  @ApiProperty({ ...STATUS, required: false })
  @IsOptional()
  @IsIn(DOCUMENT_STATUSES)
  status?: DocumentStatus;
}

/** One line of a document's table as read. */
export class ExtractedLineDto {
  productCode: string;
  description: string;
  cases: number;
  /** Decimal string, up to three places. */
  weight: string;
  @ApiProperty({ enum: WEIGHT_UNITS, enumName: 'BrokerageWeightUnit' })
  weightUnit: 'LBS' | 'KG';
  /** Decimal string, up to four places. */
  unitPrice: string;
  @ApiProperty({ enum: PRICE_BASES, enumName: 'BrokeragePriceBasis' })
  priceBasis: 'per_lb' | 'per_kg' | 'per_case';
}

/** The facts read from a document; what was not labelled is null. */
export class ExtractedEntitiesDto {
  supplierName: string | null;
  poNumber: string | null;
  invoiceNumber: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  orderDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  pickupDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  deliveryDate: string | null;
  @ApiProperty({ type: [ExtractedLineDto] })
  lines: ExtractedLineDto[];
}

/** A document in a list: what it is and how far its reading got (without its text). */
export class AssistantDocumentSummaryDto {
  id: string;
  fileId: string;
  fileName: string | null;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  @ApiProperty(STATUS)
  status: DocumentStatus;
  /**
   * Why it failed: `ocr-unavailable`, `unreadable-pdf`, `no-text`, `assistant-budget-exhausted`, or
   * `read-failed` (the provider or storage kept failing: the reading job ran out of retries).
   */
  failureCode: string | null;
  failureReason: string | null;
  @ApiProperty({ enum: DOCUMENT_CLASSES, enumName: 'BrokerageAssistantDocumentClass', nullable: true, type: String })
  documentClass: DocumentClass | null;
  /** How it was read: the rule-based reader (`rules`), on text the model transcribed from an image (`rules+vision`). */
  @ApiProperty({ enum: DOCUMENT_EXTRACTORS, enumName: 'BrokerageAssistantExtractor', nullable: true, type: String })
  extractor: DocumentExtractor | null;
  /** Tokens the model used to transcribe it (images only). */
  tokensUsed: number;
  uploadedById: string | null;
  extractedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A document with its text and the facts read from it. */
export class AssistantDocumentDto extends AssistantDocumentSummaryDto {
  text: string | null;
  @ApiProperty({ type: ExtractedEntitiesDto, nullable: true })
  entities: ExtractedEntitiesDto | null;
}
