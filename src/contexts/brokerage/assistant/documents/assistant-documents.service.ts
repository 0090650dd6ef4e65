import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { PG_UNIQUE_VIOLATION, pgCode } from '../../../../platform/database/pg-errors';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { FilesService } from '../../../../platform/files/files.service';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { JobQueue } from '../../../../platform/jobs/job-queue';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { AssistantLookups } from '../assistant-lookups';
import { AssistantBudget } from '../provider/assistant-budget';
import { AssistantProvider } from '../provider/assistant-provider';
import { AssistantProposal } from '../proposals/assistant-proposal.entity';
import { AssistantProposalsRepository } from '../proposals/assistant-proposals.repository';
import { draftProposals } from '../proposals/proposal-rules';
import { AssistantDocument } from './assistant-document.entity';
import { AssistantDocumentsRepository } from './assistant-documents.repository';
import { classifyDocument, extractEntities } from './document-extraction';
import { DOCUMENT_LIFECYCLE, DocumentExtractor, ExtractionFailed, IMAGE_TYPES, PDF_TYPE } from './document-rules';
import {
  AssistantDocumentDto,
  AssistantDocumentSummaryDto,
  ListAssistantDocumentsQueryDto,
} from './dto/assistant-document.dto';
import { pdfToText } from './pdf-text';

/** The queue whose jobs read an uploaded document. */
export const EXTRACT_QUEUE = 'brokerage.assistant.extract';
/** Text kept per document (a 50-page PDF is far below it). */
const MAX_TEXT = 200_000;
const VISION_PROMPT =
  'Transcribe all text of this business document exactly, line by line, keeping table rows on one line ' +
  'with their cells separated by spaces. Answer with the text only.';

function toSummaryDto(d: AssistantDocument): AssistantDocumentSummaryDto {
  return {
    id: d.id,
    fileId: d.fileId,
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    status: d.status,
    failureCode: d.failureCode,
    failureReason: d.failureReason,
    documentClass: d.documentClass,
    extractor: d.extractor,
    tokensUsed: d.tokensUsed,
    uploadedById: d.uploadedById,
    extractedAt: d.extractedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function toAssistantDocumentDto(d: AssistantDocument): AssistantDocumentDto {
  return { ...toSummaryDto(d), text: d.text, entities: d.entities };
}

export interface DocumentUpload {
  bytes: Readable;
  declaredSize?: number;
  declaredName?: string;
}

interface ReadResult {
  text: string;
  extractor: DocumentExtractor;
  tokensUsed: number;
}

/**
 * Documents given to the assistant: stored through the platform files (PDF, PNG or JPEG by content,
 * at most 20 MiB: else 413/415), one per content per org, then read by a durable job: a PDF's text
 * layer with pdfjs, an image only by a vision-capable model (else it fails `ocr-unavailable`);
 * the text is classified and its labelled facts read by the rule-based extractor, and the facts
 * become proposals that a member applies.
 */
@Injectable()
export class AssistantDocumentsService implements OnModuleInit {
  private readonly logger = new Logger(AssistantDocumentsService.name);

  constructor(
    private readonly documents: AssistantDocumentsRepository,
    private readonly proposals: AssistantProposalsRepository,
    private readonly files: FilesService,
    private readonly jobs: JobQueue,
    private readonly provider: AssistantProvider,
    private readonly budget: AssistantBudget,
    private readonly lookups: AssistantLookups,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.define<{ orgId: string; documentId: string }>({
      queue: EXTRACT_QUEUE,
      retryLimit: 3,
      retryDelaySeconds: 30,
      handler: ({ orgId, documentId }) => this.runExtraction(orgId, documentId),
      // Out of retries (the provider or storage kept failing): the document says so instead of
      // staying `extracting`; `extract` reads it again.
      onDead: ({ orgId, documentId }, error) =>
        this.fail(
          orgId,
          documentId,
          new ExtractionFailed(
            'read-failed',
            `The document could not be read after several attempts: ${error.message}`,
          ),
        ),
    });
  }

  async list(orgId: string, q: ListAssistantDocumentsQueryDto): Promise<Page<AssistantDocumentSummaryDto>> {
    const rows = await this.documents.page(orgId, q.status, q);
    return keysetPage(rows, q.limit, (d) => timeAndId(d.createdAt, d.id), toSummaryDto);
  }

  async get(orgId: string, id: string): Promise<AssistantDocumentDto> {
    return toAssistantDocumentDto(await this.documents.load(orgId, id));
  }

  /**
   * Stores an upload and queues its reading in the same transaction. The same content again (same
   * sha256 in the org) answers the document already there and keeps no second copy.
   */
  async upload(access: OrgAccess, upload: DocumentUpload): Promise<AssistantDocumentDto> {
    const orgId = access.org.id;
    let sha256: string | undefined;
    try {
      return await this.documents.transaction(async (tx) => {
        const file = await this.files.store(tx, {
          orgId,
          uploaderId: access.userId,
          purpose: 'assistant-document',
          bytes: upload.bytes,
          declaredSize: upload.declaredSize,
          declaredName: upload.declaredName,
        });
        sha256 = file.sha256;
        const existing = await this.documents.bySha256(orgId, file.sha256, tx);
        if (existing) {
          await this.files.remove(tx, orgId, file.id);
          return toAssistantDocumentDto(existing);
        }
        const document = await this.documents.save(
          tx,
          tx.create(AssistantDocument, {
            orgId,
            fileId: file.id,
            sha256: file.sha256,
            contentType: file.contentType,
            sizeBytes: file.sizeBytes,
            fileName: file.declaredName,
            status: 'uploaded',
            uploadedById: access.userId,
          }),
        );
        await this.jobs.enqueue(tx, EXTRACT_QUEUE, { orgId, documentId: document.id });
        const dto = toAssistantDocumentDto(document);
        await this.audit.recordInTransaction(tx, dto);
        await this.events.record(tx, {
          orgId,
          type: 'brokerage.assistant_document.uploaded',
          subjectId: document.id,
          payload: { ...toSummaryDto(document) },
        });
        return dto;
      });
    } catch (error) {
      // The same content uploaded at the same moment: the other upload won, answer its document.
      if (pgCode(error) !== PG_UNIQUE_VIOLATION || !sha256) throw error;
      const existing = await this.documents.bySha256(orgId, sha256);
      if (!existing) throw error;
      return toAssistantDocumentDto(existing);
    }
  }

  /**
   * Reads a document now (again, for one that failed or to refresh its proposals), and answers it.
   * An image without a vision-capable provider is marked failed and answers 422 `ocr-unavailable`.
   */
  async extractNow(orgId: string, id: string): Promise<AssistantDocumentDto> {
    const document = await this.documents.load(orgId, id);
    if (IMAGE_TYPES.includes(document.contentType) && !this.provider.vision) {
      const failure = ocrUnavailable();
      await this.begin(orgId, id, true);
      await this.fail(orgId, id, failure);
      throw new Problem(422, failure.message, { slug: 'ocr-unavailable', extensions: { documentId: id } });
    }
    if (IMAGE_TYPES.includes(document.contentType)) await this.budget.assertAvailable(orgId);
    await this.begin(orgId, id, true);
    await this.readAndFinish(orgId, id);
    return this.get(orgId, id);
  }

  /** The job: reads a document once (a rerun after it finished does nothing). */
  private async runExtraction(orgId: string, documentId: string): Promise<void> {
    if (!(await this.begin(orgId, documentId, false))) return;
    await this.readAndFinish(orgId, documentId);
  }

  /** Moves the document to `extracting`; false when the job finds it already read (or gone). */
  private begin(orgId: string, id: string, again: boolean): Promise<boolean> {
    return this.documents.transaction(async (tx) => {
      const document = await this.documents.load(orgId, id, tx, true).catch((e: unknown) => {
        if (!again && e instanceof Problem && e.getStatus() === 404) return null;
        throw e;
      });
      if (!document) return false;
      if (!again && (document.status === 'extracted' || document.status === 'failed')) return false;
      DOCUMENT_LIFECYCLE.assert(document.status, 'extracting');
      document.status = 'extracting';
      await this.documents.save(tx, document);
      return true;
    });
  }

  private async readAndFinish(orgId: string, id: string): Promise<void> {
    const document = await this.documents.load(orgId, id);
    let read: ReadResult;
    try {
      read = await this.read(document);
    } catch (error) {
      if (!(error instanceof ExtractionFailed)) throw error;
      await this.fail(orgId, id, error);
      return;
    }
    await this.finish(orgId, id, read);
  }

  /** The document's text: a PDF's text layer, an image transcribed by the model. */
  private async read(document: AssistantDocument): Promise<ReadResult> {
    const bytes = await this.bytesOf(document);
    if (document.contentType === PDF_TYPE) {
      let text: string;
      try {
        text = await pdfToText(bytes);
      } catch (error) {
        this.logger.warn({ err: error, documentId: document.id }, 'unreadable PDF');
        throw new ExtractionFailed('unreadable-pdf', 'The PDF could not be read');
      }
      if (!text.trim())
        throw new ExtractionFailed('no-text', 'The PDF has no text layer (a scan): upload it as an image');
      return { text: text.slice(0, MAX_TEXT), extractor: 'rules', tokensUsed: 0 };
    }
    if (!this.provider.vision) throw ocrUnavailable();
    await this.budget.assertAvailable(document.orgId).catch((error: unknown) => {
      if (!(error instanceof Problem) || error.getStatus() !== 429) throw error;
      throw new ExtractionFailed('assistant-budget-exhausted', "The org's assistant tokens for this month are spent");
    });
    const answer = await this.provider.complete([
      {
        role: 'user',
        content: [
          { type: 'text', text: VISION_PROMPT },
          { type: 'image_url', image_url: { url: `data:${document.contentType};base64,${bytes.toString('base64')}` } },
        ],
      },
    ]);
    const text = answer.content?.trim() ?? '';
    if (!text) throw new ExtractionFailed('no-text', 'No text was found in the image');
    const tokensUsed = answer.promptTokens + answer.completionTokens;
    return { text: text.slice(0, MAX_TEXT), extractor: 'rules+vision', tokensUsed };
  }

  private async bytesOf(document: AssistantDocument): Promise<Buffer> {
    const { stream } = await this.files.open(document.orgId, document.fileId);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Saves what was read and the proposals it gives, replacing the document's unapplied ones. */
  private async finish(orgId: string, id: string, read: ReadResult): Promise<void> {
    const documentClass = classifyDocument(read.text);
    const entities = extractEntities(read.text);
    const known = {
      supplierId: entities.supplierName ? await this.lookups.supplierIdByName(orgId, entities.supplierName) : null,
      productIds: await this.lookups.productIdsByCode(
        orgId,
        entities.lines.map((l) => l.productCode),
      ),
    };
    const drafts = draftProposals(documentClass, entities, known);
    await this.documents.transaction(async (tx) => {
      const document = await this.documents.load(orgId, id, tx, true);
      if (document.status !== 'extracting') return;
      Object.assign(document, {
        status: 'extracted',
        text: read.text,
        documentClass,
        entities,
        extractor: read.extractor,
        tokensUsed: document.tokensUsed + read.tokensUsed,
        failureCode: null,
        failureReason: null,
        extractedAt: new Date(),
      });
      await this.documents.save(tx, document);
      await this.proposals.deletePending(tx, orgId, id);
      let supplierProposalId: string | null = null;
      for (const draft of drafts) {
        const saved = await this.proposals.save(
          tx,
          tx.create(AssistantProposal, {
            orgId,
            documentId: id,
            kind: draft.kind,
            status: 'pending',
            payload: draft.payload,
            dependsOnId: draft.dependsOnSupplier ? supplierProposalId : null,
          }),
        );
        if (draft.kind === 'supplier') supplierProposalId = saved.id;
      }
      await this.announce(tx, document);
    });
  }

  private async fail(orgId: string, id: string, failure: ExtractionFailed): Promise<void> {
    await this.documents.transaction(async (tx) => {
      const document = await this.documents.load(orgId, id, tx, true);
      if (document.status !== 'extracting') return;
      Object.assign(document, { status: 'failed', failureCode: failure.code, failureReason: failure.message });
      await this.documents.save(tx, document);
      await this.announce(tx, document);
    });
  }

  private async announce(tx: EntityManager, document: AssistantDocument): Promise<void> {
    await this.events.record(tx, {
      orgId: document.orgId,
      type: `brokerage.assistant_document.${document.status}`,
      subjectId: document.id,
      payload: { ...toSummaryDto(document) },
    });
  }
}

function ocrUnavailable(): ExtractionFailed {
  return new ExtractionFailed(
    'ocr-unavailable',
    'Images are read only by a vision-capable model provider, and none is configured: upload a PDF with text',
  );
}
