import type { INestApplicationContext } from '@nestjs/common';
import { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { DemoOrg } from '../../../../platform/contexts/context-definition';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { PartiesService } from '../../parties/parties.service';
import { ProductsService } from '../../products/products.service';
import { AssistantConversationsService } from '../conversations/assistant-conversations.service';
import { AssistantDocumentsService } from '../documents/assistant-documents.service';

/** A supplier's purchase order as a PDF with a text layer (what a broker would forward to the assistant). */
function orderPdf(supplier: string, lines: { code: string; description: string }[]): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'LETTER',
    info: { CreationDate: new Date('2026-11-30T00:00:00Z'), ModDate: new Date('2026-11-30T00:00:00Z') },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.fontSize(16).text('PURCHASE ORDER').fontSize(10);
  for (const line of [
    `Supplier: ${supplier}`,
    'PO Number: SUP-88412',
    'Order Date: 11/30/2026',
    'Pickup Date: Dec 3, 2026',
    'Delivery Date: 2026-12-05',
    '',
    'Code Description Cases Weight Price/lb Total',
    ...lines.map((l, i) => `${l.code} ${l.description} ${10 + i * 5} ${600 + i * 300} lbs $2.${1350 + i * 200}/lb`),
  ])
    pdf.text(line);
  pdf.end();
  return done;
}

/**
 * The assistant's demo for prime-meats: a supplier's purchase order read by the rule-based
 * extractor (its proposals wait for a member), one from a packer not on file (a supplier proposal
 * first), and two conversations. No messages: they need a model provider.
 */
export async function seedAssistantDemo(app: INestApplicationContext, demo: DemoOrg): Promise<void> {
  const orgId = demo.org.id;
  const member: OrgAccess = { org: demo.org as OrgAccess['org'], tier: 'member', grants: [], userId: demo.member.id };
  const suppliers = await app.get(PartiesService).list(orgId, 'supplier', { limit: 1 } as never);
  const products = await app.get(ProductsService).list(orgId, { active: true, limit: 2 } as never);
  const lines = products.items.map((p) => ({ code: p.productCode, description: p.description.slice(0, 40) }));
  const documents = app.get(AssistantDocumentsService);
  for (const supplier of [suppliers.items[0]?.name ?? 'Heartland Packing Co', 'Prairie Gold Packers']) {
    const bytes = await orderPdf(supplier, lines);
    const uploaded = await documents.upload(member, { bytes: Readable.from([bytes]), declaredName: 'supplier-po.pdf' });
    await documents.extractNow(orgId, uploaded.id);
  }
  const conversations = app.get(AssistantConversationsService);
  await conversations.create(member, { title: 'Open orders this week' });
  const done = await conversations.create(member, { title: 'Receivables of our top customer' });
  await conversations.update(orgId, done.id, { status: 'completed' });
}
