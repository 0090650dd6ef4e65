import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Problem } from '../http/problem';

/**
 * Reads a stream into memory, refusing (413) as soon as it passes `maxBytes`: the rest of the
 * upload is then discarded unread so that the client still gets the answer.
 */
export async function readUpTo(stream: Readable, maxBytes: number, tooLarge: () => Problem): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.resume();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The content type the bytes show (magic numbers), or undefined when `file-type` recognises
 * nothing (plain text, random bytes). file-type ships only as an ES module, hence the import().
 */
export async function detectContentType(bytes: Buffer): Promise<string | undefined> {
  const { fileTypeFromBuffer } = await import('file-type');
  return (await fileTypeFromBuffer(bytes))?.mime;
}
