import { seedAssistantDemo } from '../../src/contexts/brokerage/assistant/demo/assistant-demo-seeder';
import { seedBrokerageDemo } from '../../src/contexts/brokerage/demo/brokerage-demo-seeder';
import { Brokerage, createBrokerage } from '../brokerage/brokerage-kit';
import { demoOrgOf } from '../support/context-kit';
import { startTestApp, TestApp } from '../support/test-app';

describe('brokerage assistant demo seeder (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  beforeAll(async () => {
    t = await startTestApp();
    b = await createBrokerage(t);
  });
  afterAll(() => t.close());

  it('seeds two read purchase orders with their proposals, and conversations; a proposal applies', async () => {
    const demo = demoOrgOf(b.org, 'Prime Meats');
    await seedBrokerageDemo(t.app, demo);
    await seedAssistantDemo(t.app, demo);
    const reader = b.org.at('readonly');
    const documents = (await b.ok(reader, 'GET', '/assistant/documents')).items;
    expect(documents).toHaveLength(2);
    expect(documents.map((d: { status: string; documentClass: string }) => [d.status, d.documentClass])).toEqual([
      ['extracted', 'purchase_order'],
      ['extracted', 'purchase_order'],
    ]);
    const proposals = (await b.ok(reader, 'GET', '/assistant/proposals')).items;
    expect(proposals.map((p: { kind: string }) => p.kind).sort()).toEqual([
      'purchase_order',
      'purchase_order',
      'supplier',
    ]);
    const known = proposals.find(
      (p: { kind: string; dependsOnId: string | null }) => p.kind === 'purchase_order' && !p.dependsOnId,
    );
    expect(known.purchaseOrder.lines.length).toBeGreaterThan(0);
    expect(known.purchaseOrder.lines.every((l: { productId: string | null }) => l.productId)).toBe(true);
    const applied = await b.ok(b.org.at('member'), 'POST', `/assistant/proposals/${known.id}/apply`);
    expect(applied.status).toBe('applied');
    const conversations = (await b.ok(reader, 'GET', '/assistant/conversations')).items;
    expect(conversations.map((c: { status: string }) => c.status).sort()).toEqual(['active', 'completed']);
  });
});
