import { once } from 'node:events';
import { crc32, createDeflateRaw, inflateRawSync } from 'node:zlib';

/** One file of a ZIP: its name and its content, produced piece by piece. */
export interface ZipEntrySource {
  name: string;
  content: AsyncIterable<string | Buffer> | Iterable<string | Buffer>;
  /** The entry's modification time (default: now). */
  modifiedAt?: Date;
}

/** One file read back from a ZIP. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const VERSION = 20;
const DEFLATE = 8;
/** Bit 3: sizes and CRC follow the data (the content is streamed); bit 11: the name is UTF-8. */
const FLAGS = 0x0008 | 0x0800;
const MAX_32 = 0xffffffff;

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  time: number;
  date: number;
}

/** MS-DOS time and date fields (local fields in UTC: the archive carries no zone). */
function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(at.getUTCFullYear(), 1980);
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

function localHeader(entry: Pick<Written, 'name' | 'time' | 'date'>): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(DEFLATE, 8);
  header.writeUInt16LE(entry.time, 10);
  header.writeUInt16LE(entry.date, 12);
  // CRC and sizes (14..25) are zero here: the data descriptor after the data carries them.
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, entry.name]);
}

function dataDescriptor(entry: Written): Buffer {
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
  descriptor.writeUInt32LE(entry.crc, 4);
  descriptor.writeUInt32LE(entry.compressed, 8);
  descriptor.writeUInt32LE(entry.size, 12);
  return descriptor;
}

function centralHeader(entry: Written): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(VERSION, 6);
  header.writeUInt16LE(FLAGS, 8);
  header.writeUInt16LE(DEFLATE, 10);
  header.writeUInt16LE(entry.time, 12);
  header.writeUInt16LE(entry.date, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressed, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  // Extra field, comment, disk number, internal and external attributes: none (30..41).
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

function endOfCentral(count: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

/** Deflates one entry's content as it comes, yielding the compressed bytes and counting size and CRC. */
async function* deflated(
  content: ZipEntrySource['content'],
  totals: { crc: number; size: number; compressed: number },
): AsyncGenerator<Buffer> {
  const deflate = createDeflateRaw();
  const output: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => output.push(chunk));
  const write = (chunk: Buffer) =>
    new Promise<void>((resolve, reject) => deflate.write(chunk, (error) => (error ? reject(error) : resolve())));
  const drained = function* () {
    for (const chunk of output.splice(0)) {
      totals.compressed += chunk.length;
      yield chunk;
    }
  };
  for await (const piece of content) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    if (!bytes.length) continue;
    totals.crc = crc32(bytes, totals.crc);
    totals.size += bytes.length;
    await write(bytes);
    yield* drained();
  }
  const ended = once(deflate, 'end');
  deflate.end();
  await ended;
  yield* drained();
}

/**
 * A ZIP archive (deflated entries, PKWARE APPNOTE 6.3 without ZIP64) written as a stream of
 * chunks: each entry's content is deflated as it is produced, its CRC and sizes follow it in a
 * data descriptor, and the central directory closes the archive. Nothing is held but the
 * directory, so the caller decides how much of the archive sits in memory.
 */
export async function* zipStream(entries: AsyncIterable<ZipEntrySource> | Iterable<ZipEntrySource>) {
  const written: Written[] = [];
  let offset = 0;
  for await (const source of entries) {
    const at = dosDateTime(source.modifiedAt ?? new Date());
    const entry: Written = { name: Buffer.from(source.name, 'utf8'), crc: 0, compressed: 0, size: 0, offset, ...at };
    const header = localHeader(entry);
    offset += header.length;
    yield header;
    for await (const chunk of deflated(source.content, entry)) {
      offset += chunk.length;
      yield chunk;
    }
    if (entry.size > MAX_32 || entry.compressed > MAX_32 || offset > MAX_32)
      throw new RangeError('A ZIP without ZIP64 holds at most 4 GiB');
    const descriptor = dataDescriptor(entry);
    offset += descriptor.length;
    yield descriptor;
    written.push(entry);
  }
  if (written.length > 0xffff) throw new RangeError('A ZIP without ZIP64 holds at most 65535 entries');
  const directory = Buffer.concat(written.map(centralHeader));
  yield directory;
  yield endOfCentral(written.length, directory.length, offset);
}

/** The whole archive in one buffer (small archives, tests). */
export async function zipBuffer(entries: AsyncIterable<ZipEntrySource> | Iterable<ZipEntrySource>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of zipStream(entries)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Reads a ZIP's entries through its central directory (stored or deflated, no ZIP64), checking
 * each entry's CRC: the reader of the exports' tests and of anyone checking an archive.
 */
export function readZip(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) throw new Error('Not a ZIP: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`Bad central directory header at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`Bad local header of ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    const data = method === DEFLATE ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : null;
    if (!data) throw new Error(`Unsupported compression method ${method} of ${name}`);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch in ${name}`);
    entries.push({ name, data });
    at += 46 + skip;
  }
  return entries;
}
