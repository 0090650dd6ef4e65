import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AppConfig } from '../config/app-config';

/**
 * Where file bytes live, by storage key (`<org id>/<random uuid>`, made by FilesService, never by
 * a client). Deleting a missing key is not an error: the delete job may run twice.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  open(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

export const FILE_STORE = Symbol('FILE_STORE');

/** Storage keys are ours (uuids), so this only guards against a bug turning one into a path escape. */
const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

function checkedKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`Malformed storage key ${key}`);
  return key;
}

/** Files in a folder (QM_FILES_DIR). Writes go to a temporary name first, so a reader never sees half a file. */
export class LocalFileStore implements FileStore {
  readonly kind = 'local';
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  private pathOf(key: string): string {
    return join(this.root, checkedKey(key));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.partial`;
    await writeFile(partial, bytes, { flag: 'wx' });
    await rename(partial, path);
  }

  async open(key: string): Promise<Readable> {
    const stream = createReadStream(this.pathOf(key));
    // Surface "missing" here rather than as a stream error after the response has started.
    await new Promise<void>((ok, fail) => stream.once('open', () => ok()).once('error', fail));
    return stream;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** A private bucket on S3 or any S3-compatible store (MinIO, ...). The API streams files; no bucket URL leaves it. */
export class S3FileStore implements FileStore {
  readonly kind = 's3';

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const command = { Bucket: this.bucket, Key: checkedKey(key), Body: bytes, ContentType: contentType };
    await this.client.send(new PutObjectCommand(command));
  }

  async open(key: string): Promise<Readable> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkedKey(key) }));
    return object.Body as Readable;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkedKey(key) }));
  }
}

/** The store the configuration names: S3 when S3_BUCKET is set, the local folder otherwise. */
export function fileStoreFor(config: AppConfig): FileStore {
  if (!config.filesInS3) return new LocalFileStore(config.QM_FILES_DIR);
  const credentials =
    config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
      : undefined;
  const client = new S3Client({
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials,
  });
  return new S3FileStore(client, config.S3_BUCKET!);
}
