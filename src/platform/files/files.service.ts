import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../database/org-scoped';
import { withTransaction } from '../database/transactions';
import { JobQueue } from '../jobs/job-queue';
import { detectContentType, readUpTo, sha256Hex } from './file-bytes';
import { checkFileSize, checkFileType, fileTooLarge, FilePurposeName, purposeOf } from './file-purposes';
import { FILE_STORE, FileStore } from './file-store';
import { StoredFile } from './stored-file.entity';

/** The queue whose jobs delete a removed file's bytes. */
export const FILE_DELETE_QUEUE = 'platform.files.delete';

export interface StoreFileInput {
  orgId: string;
  /** Null for a bot key. */
  uploaderId: string | null;
  purpose: FilePurposeName;
  /** The whole file, or a stream read here up to the purpose's limit. */
  bytes: Buffer | Readable;
  /** The client's name for it: kept for downloads, never trusted for the type. */
  declaredName?: string | null;
  /** The size the client announced (Content-Length), to refuse an oversize upload before reading it. */
  declaredSize?: number;
}

export interface OpenedFile {
  file: StoredFile;
  stream: Readable;
}

/**
 * Files of an org for every context: `store` checks the content against the purpose (type by
 * magic bytes: 415; size: 413), keeps the bytes under a random key and records their sha256,
 * size, type, uploader and org; `open` reads one back, by org; `remove` deletes the record and
 * queues the deletion of the bytes in the same transaction.
 */
@Injectable()
export class FilesService implements OnModuleInit {
  private readonly logger = new Logger(FilesService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FILE_STORE) private readonly objects: FileStore,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.define<{ storageKey: string }>({
      queue: FILE_DELETE_QUEUE,
      retryLimit: 10,
      handler: ({ storageKey }) => this.objects.delete(storageKey),
    });
  }

  /**
   * Stores a file. With `tx` the record joins the caller's transaction (the bytes are written
   * first: a rolled-back caller leaves unreferenced bytes, never a record without bytes).
   */
  async store(tx: EntityManager | undefined, input: StoreFileInput): Promise<StoredFile> {
    const bytes = await this.readChecked(input);
    const contentType = checkFileType(input.purpose, await detectContentType(bytes));
    const row = Object.assign(new StoredFile(), {
      orgId: input.orgId,
      uploaderId: input.uploaderId,
      purpose: input.purpose,
      contentType,
      sizeBytes: bytes.length,
      sha256: sha256Hex(bytes),
      declaredName: input.declaredName?.slice(0, 255) || null,
      storageKey: `${input.orgId}/${randomUUID()}`,
    });
    await this.objects.put(row.storageKey, bytes, contentType);
    try {
      return await (tx ? tx.save(StoredFile, row) : withTransaction(this.db, (own) => own.save(StoredFile, row)));
    } catch (error) {
      await this.objects.delete(row.storageKey).catch((e) => this.logger.warn({ err: e }, 'orphan file left'));
      throw error;
    }
  }

  /** A file's record and bytes; another org's id is a 404 like a missing one. */
  async open(orgId: string, fileId: string): Promise<OpenedFile> {
    const file = await this.get(orgId, fileId);
    return { file, stream: await this.objects.open(file.storageKey) };
  }

  get(orgId: string, fileId: string): Promise<StoredFile> {
    return findInOrg(this.db.manager, StoredFile, orgId, fileId, 'File');
  }

  /** Deletes the record now and its bytes by a job that exists only if this transaction commits. */
  async remove(tx: EntityManager, orgId: string, fileId: string): Promise<void> {
    const file = await findInOrg(tx, StoredFile, orgId, fileId, 'File', { lock: true });
    await tx.delete(StoredFile, { id: file.id, orgId });
    await this.jobs.enqueue(tx, FILE_DELETE_QUEUE, { storageKey: file.storageKey });
  }

  /** `remove` in a transaction of its own (the files routes). */
  delete(orgId: string, fileId: string): Promise<void> {
    return withTransaction(this.db, (tx) => this.remove(tx, orgId, fileId));
  }

  private async readChecked(input: StoreFileInput): Promise<Buffer> {
    const { maxBytes } = purposeOf(input.purpose);
    const tooLarge = () => fileTooLarge(input.purpose);
    if (Buffer.isBuffer(input.bytes)) {
      checkFileSize(input.purpose, input.bytes.length);
      return input.bytes;
    }
    if (input.declaredSize !== undefined && input.declaredSize > maxBytes) {
      input.bytes.resume();
      throw tooLarge();
    }
    return readUpTo(input.bytes, maxBytes, tooLarge);
  }
}
