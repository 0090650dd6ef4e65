import { inflateSync } from 'node:zlib';

/**
 * Reads back the text a pdfkit PDF shows (no PDF library is installed): takes every content
 * stream (inflating FlateDecode ones), then decodes the hex strings of each TJ/Tj operator.
 * pdfkit writes standard-font text as WinAnsi hex strings, which latin1 decodes. One line per
 * text-showing operator.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const streamRe = /<<([^]*?)>>\s*stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = streamRe.exec(raw))) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let body = Buffer.from(raw.slice(start, end), 'latin1');
    if (/\/FlateDecode/.test(match[1])) {
      try {
        body = inflateSync(body);
      } catch {
        continue;
      }
    }
    const content = body.toString('latin1');
    const opRe = /\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
    let op: RegExpExecArray | null;
    while ((op = opRe.exec(content))) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]) : [op[2]];
      out.push(hexes.map((hex) => Buffer.from(hex, 'hex').toString('latin1')).join(''));
    }
    streamRe.lastIndex = end;
  }
  return out.join('\n');
}
