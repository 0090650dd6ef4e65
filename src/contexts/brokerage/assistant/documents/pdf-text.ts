import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A PDF that takes longer than this to read is given up (the worker is stopped). */
const READ_TIMEOUT_MS = 60_000;

interface TextItem {
  str: string;
  hasEOL: boolean;
  /** The baseline's vertical position. */
  y: number | null;
}

/**
 * Runs in a worker thread: pdfjs-dist ships only as ES modules, which a real `import()` loads there
 * (the app compiles to CommonJS), and parsing a large PDF does not hold the event loop. It sends
 * back the text items of each page; `joinItems` turns them into lines.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const pdfjs = await import(workerData.pdfjsUrl);
  const task = pdfjs.getDocument({
    data: workerData.bytes,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  const doc = await task.promise;
  const pages = [];
  for (let n = 1; n <= Math.min(doc.numPages, workerData.maxPages); n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items
        .filter((item) => typeof item.str === 'string')
        .map((item) => ({ str: item.str, hasEOL: Boolean(item.hasEOL), y: item.transform ? item.transform[5] : null })),
    );
  }
  await task.destroy();
  parentPort.postMessage({ pages });
})().catch((error) => parentPort.postMessage({ error: String((error && error.message) || error) }));
`;

function pdfjsUrl(): string {
  return pathToFileURL(join(dirname(require.resolve('pdfjs-dist/package.json')), 'legacy/build/pdf.mjs')).href;
}

/** The text of each page of a PDF (at most `maxPages`), pages joined by a blank line. */
export function pdfToText(bytes: Buffer, maxPages = 50): Promise<string> {
  // A copy of its own, moved (not copied again) to the worker.
  const copy = new ArrayBuffer(bytes.byteLength);
  const data = new Uint8Array(copy);
  data.set(bytes);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { bytes: data, maxPages, pdfjsUrl: pdfjsUrl() },
    transferList: [copy],
  });
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('reading the PDF timed out')), READ_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      void worker.terminate();
    };
    worker.once('message', (message: { pages?: TextItem[][]; error?: string }) => {
      done();
      if (message.error !== undefined || !message.pages) reject(new Error(message.error ?? 'no answer'));
      else resolve(message.pages.map(joinItems).join('\n\n').trim());
    });
    worker.once('error', (error) => {
      done();
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the PDF reader stopped (${code})`));
    });
  });
}

/** Items on the same baseline join with a space; a change of baseline or an end-of-line starts a line. */
export function joinItems(items: readonly TextItem[]): string {
  const lines: string[] = [];
  let current = '';
  let lastY: number | null = null;
  for (const item of items) {
    if (lastY !== null && item.y !== null && Math.abs(item.y - lastY) > 2 && current) {
      lines.push(current.trimEnd());
      current = '';
    }
    if (item.str) current += current && !current.endsWith(' ') ? ` ${item.str}` : item.str;
    if (item.y !== null) lastY = item.y;
    if (item.hasEOL) {
      lines.push(current.trimEnd());
      current = '';
      lastY = null;
    }
  }
  if (current) lines.push(current.trimEnd());
  return lines.filter((l) => l.trim()).join('\n');
}
