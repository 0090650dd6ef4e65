import { Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import { AcceptsUpload, UPLOAD_CONTENT_TYPE, UploadStream } from '../../../../platform/files/upload-body';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { BrokerageRead, BrokerageWrite } from '../../brokerage-access';
import { BrokerageController } from '../../common/brokerage-controller.decorator';
import { AssistantDocumentsService } from './assistant-documents.service';
import {
  AssistantDocumentDto,
  AssistantDocumentSummaryDto,
  ListAssistantDocumentsQueryDto,
} from './dto/assistant-document.dto';

const AssistantDocumentPageDto = PageOf(AssistantDocumentSummaryDto);

/** Documents given to the assistant to read (purchase orders, invoices, bills of lading, certificates). */
@ApiTags('brokerage-assistant-documents')
@BrokerageController()
export class AssistantDocumentsController {
  constructor(private readonly documents: AssistantDocumentsService) {}

  /** Lists the documents, newest first (without their text); filter by status. */
  @Get('assistant/documents')
  @BrokerageRead()
  @ApiOkResponse({ type: AssistantDocumentPageDto })
  listAssistantDocuments(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListAssistantDocumentsQueryDto,
  ): Promise<Page<AssistantDocumentSummaryDto>> {
    return this.documents.list(access.org.id, q);
  }

  /** Gets a document with its text and the facts read from it. */
  @Get('assistant/documents/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: AssistantDocumentDto })
  getAssistantDocument(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<AssistantDocumentDto> {
    return this.documents.get(access.org.id, id);
  }

  /**
   * Uploads a document (the raw bytes as the body: PDF, PNG or JPEG by content, at most 20 MiB). It
   * is read by a job (status uploaded → extracting → extracted or failed); the same content again
   * answers the document already there.
   */
  @Post('assistant/documents')
  @BrokerageWrite()
  @AcceptsUpload()
  @ApiConsumes(UPLOAD_CONTENT_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'X-File-Name', required: false, description: 'The file name shown on download' })
  @ApiCreatedResponse({ type: AssistantDocumentDto })
  @ApiProblem(413, 'Larger than 20 MiB')
  @ApiProblem(415, 'Not a PDF, PNG or JPEG by content')
  uploadAssistantDocument(
    @CurrentOrg() access: OrgAccess,
    @UploadStream() body: Readable,
    @Headers('x-file-name') declaredName?: string,
    @Headers('content-length') contentLength?: string,
  ): Promise<AssistantDocumentDto> {
    const declaredSize = contentLength && /^\d+$/.test(contentLength) ? Number(contentLength) : undefined;
    return this.documents.upload(access, { bytes: body, declaredSize, declaredName });
  }

  /**
   * Reads a document now and answers it (again after a failure, or to refresh its unapplied
   * proposals). An image without a vision-capable provider is marked failed: 422 `ocr-unavailable`.
   */
  @Post('assistant/documents/:id/extract')
  @HttpCode(200)
  @BrokerageWrite()
  @ApiOkResponse({ type: AssistantDocumentDto })
  @ApiProblem(422, ['ocr-unavailable'], 'An image, and no vision-capable model provider is configured')
  @ApiProblem(429, ['assistant-budget-exhausted'], "An image, and the org's monthly token budget is spent")
  @ApiProblem(502, ['assistant-provider-failed'], 'The model provider failed (reading an image)')
  extractAssistantDocument(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<AssistantDocumentDto> {
    return this.documents.extractNow(access.org.id, id);
  }
}
