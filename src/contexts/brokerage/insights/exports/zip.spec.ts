import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { readZip, zipBuffer } from './zip';

async function* slowly(pieces: string[]) {
  for (const piece of pieces) yield piece;
}

/** Whether an `unzip` binary is there to cross-check the archive with (not every machine has one). */
function unzipAvailable(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('zip writer', () => {
  it('writes entries that read back byte for byte, streamed or not, with UTF-8 names', async () => {
    const big = 'id,name\r\n' + Array.from({ length: 5000 }, (_, i) => `${i},Ribeye ${i % 7}\r\n`).join('');
    const zip = await zipBuffer([
      { name: 'a.csv', content: ['x,y\r\n', '1,2\r\n'] },
      { name: 'empty.csv', content: [] },
      { name: 'big.csv', content: slowly(big.match(/[\s\S]{1,1000}/g)!) },
      { name: 'Fleisch-Übersicht.csv', content: [Buffer.from('ä,ö\r\n')] },
    ]);
    expect(zip.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    const entries = readZip(zip);
    expect(entries.map((e) => [e.name, e.data.toString('utf8')])).toEqual([
      ['a.csv', 'x,y\r\n1,2\r\n'],
      ['empty.csv', ''],
      ['big.csv', big],
      ['Fleisch-Übersicht.csv', 'ä,ö\r\n'],
    ]);
    // Deflated: the repetitive CSV is much smaller in the archive.
    expect(zip.length).toBeLessThan(big.length / 3);
  });

  it('lays out the local header, the data descriptor and the central directory as APPNOTE says', async () => {
    const modifiedAt = new Date('2026-11-30T13:45:10Z');
    const zip = await zipBuffer([{ name: 'one.csv', content: ['hello'], modifiedAt }]);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(6)).toBe(0x0808); // data descriptor + UTF-8 names
    expect(zip.readUInt16LE(8)).toBe(8); // deflate
    expect(zip.readUInt16LE(10)).toBe((13 << 11) | (45 << 5) | 5);
    expect(zip.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (11 << 5) | 30);
    const end = zip.length - 22;
    expect(zip.readUInt32LE(end)).toBe(0x06054b50);
    expect([zip.readUInt16LE(end + 8), zip.readUInt16LE(end + 10)]).toEqual([1, 1]);
    const central = zip.readUInt32LE(end + 16);
    expect(central + zip.readUInt32LE(end + 12)).toBe(end);
    const compressed = zip.readUInt32LE(central + 20);
    const data = zip.subarray(30 + 7, 30 + 7 + compressed);
    expect(inflateRawSync(data).toString()).toBe('hello');
    const descriptor = 30 + 7 + compressed;
    expect(zip.readUInt32LE(descriptor)).toBe(0x08074b50);
    expect(zip.readUInt32LE(descriptor + 12)).toBe(5);
  });

  it('an empty archive is just the end of the central directory', async () => {
    const zip = await zipBuffer([]);
    expect(zip.length).toBe(22);
    expect(readZip(zip)).toEqual([]);
  });

  it('the reader refuses what is not a ZIP and a corrupted entry', async () => {
    expect(() => readZip(Buffer.from('not a zip at all, sorry'))).toThrow(/Not a ZIP/);
    const zip = await zipBuffer([{ name: 'a.txt', content: ['stored text that will be damaged'] }]);
    const damaged = Buffer.from(zip);
    const central = zip.readUInt32LE(zip.length - 22 + 16);
    damaged.writeUInt32LE((zip.readUInt32LE(central + 16) ^ 1) >>> 0, central + 16);
    expect(() => readZip(damaged)).toThrow(/CRC mismatch/);
  });

  const withUnzip = unzipAvailable() ? it : it.skip;
  withUnzip('Info-ZIP unzip accepts the archive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qm-zip-'));
    try {
      const file = join(dir, 'test.zip');
      writeFileSync(file, await zipBuffer([{ name: 'a.csv', content: ['1,2\r\n'] }]));
      expect(execFileSync('unzip', ['-t', file]).toString()).toContain('No errors detected');
      expect(execFileSync('unzip', ['-p', file, 'a.csv']).toString()).toBe('1,2\r\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
