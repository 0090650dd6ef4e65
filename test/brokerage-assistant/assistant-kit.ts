import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import PDFDocument from 'pdfkit';
import { EXTRACT_QUEUE } from '../../src/contexts/brokerage/assistant/documents/assistant-documents.service';
import { JobQueue } from '../../src/platform/jobs/job-queue';
import type { Brokerage } from '../brokerage/brokerage-kit';
import type { Caller } from '../support/http';
import type { TestApp } from '../support/test-app';

/** A PDF with one line of text per entry (pdfkit, standard font), as a supplier's document would be. */
export function pdfWithLines(lines: string[]): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', compress: true });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.fontSize(10);
  for (const line of lines) pdf.text(line);
  pdf.end();
  return done;
}

/** A purchase order from `supplier` with one line of `productCode`. */
export function purchaseOrderPdf(supplier: string, poNumber: string, productCode: string): Promise<Buffer> {
  return pdfWithLines([
    'PURCHASE ORDER',
    `Supplier: ${supplier}`,
    `PO Number: ${poNumber}`,
    'Order Date: 11/30/2026',
    'Pickup Date: Dec 2, 2026',
    'Delivery Date: 2026-12-04',
    'Code Description Cases Weight Price/lb Total',
    `${productCode} Beef chuck roll 10 600 lbs $2.1350/lb $1,281.00`,
  ]);
}

/** Uploads raw bytes to `assistant/documents` as `who`. */
export async function uploadDocument(
  b: Brokerage,
  who: Caller,
  bytes: Buffer,
  opts: { name?: string; slug?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream', ...opts.headers };
  if (who && 'token' in who) headers.authorization = `Bearer ${who.token}`;
  else if (who && 'apiKey' in who) headers['x-api-key'] = who.apiKey;
  if (opts.name) headers['x-file-name'] = opts.name;
  const res = await fetch(`${b.t.baseUrl}/api/v1/orgs/${opts.slug ?? b.org.slug}/brokerage/assistant/documents`, {
    method: 'POST',
    headers,
    body: bytes,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Runs the queued document readings. */
export const readDocuments = (t: TestApp) => t.app.get(JobQueue).drain([EXTRACT_QUEUE]);

/** A product with that code (active). */
export const productWithCode = (b: Brokerage, productCode: string) =>
  b.ok(b.org.at('member'), 'POST', '/products', {
    body: {
      productCode,
      description: 'Beef chuck roll',
      proteinType: 'Beef',
      storage: 'frozen',
      packageType: 'box',
      weightType: 'net',
      unitWeight: { value: '60', unit: 'LBS' },
      active: true,
    },
  });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChatRequest = { headers: IncomingMessage['headers']; body: any };
type Reply = { status: number; body: unknown } | 'hang';

/**
 * A fake OpenAI-compatible provider on 127.0.0.1 (random port): answers `POST /v1/chat/completions`
 * with the scripted replies in order (then the default one) and records every request.
 */
export interface FakeProvider {
  url: string;
  requests: ChatRequest[];
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

export const completion = (
  content: string | null,
  opts: { toolCalls?: { id: string; name: string; arguments: unknown }[]; tokens?: [number, number] } = {},
) => ({
  status: 200,
  body: {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    model: 'fake-model',
    choices: [
      {
        index: 0,
        finish_reason: opts.toolCalls ? 'tool_calls' : 'stop',
        message: {
          role: 'assistant',
          content,
          ...(opts.toolCalls
            ? {
                tool_calls: opts.toolCalls.map((c) => ({
                  id: c.id,
                  type: 'function',
                  function: { name: c.name, arguments: JSON.stringify(c.arguments) },
                })),
              }
            : {}),
        },
      },
    ],
    usage: { prompt_tokens: opts.tokens?.[0] ?? 12, completion_tokens: opts.tokens?.[1] ?? 5 },
  },
});

export async function startFakeProvider(): Promise<FakeProvider> {
  const requests: ChatRequest[] = [];
  const queue: Reply[] = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      requests.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const reply = queue.shift() ?? completion('Hello from the fake model.');
      if (reply === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
