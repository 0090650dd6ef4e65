import { seedBrokerageDemo } from '../../src/contexts/brokerage/demo/brokerage-demo-seeder';
import { seedSupportDemo } from '../../src/contexts/brokerage/support/demo/support-demo-seeder';
import { Brokerage, createBrokerage } from '../brokerage/brokerage-kit';
import { demoOrgOf } from '../support/context-kit';
import { startTestApp, TestApp } from '../support/test-app';
import { fetchBytes, pdfText } from './support-kit';

describe('brokerage support demo seeder (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  beforeAll(async () => {
    t = await startTestApp();
    b = await createBrokerage(t);
  });
  afterAll(() => t.close());

  it('seeds bug reports in every state for prime-meats; the demo approved order prints as a PDF', async () => {
    const demo = demoOrgOf(b.org, 'Prime Meats');
    await seedBrokerageDemo(t.app, demo);
    await seedSupportDemo(t.app, demo);
    const reader = b.org.at('readonly');
    const reports = (await b.ok(reader, 'GET', '/bug-reports')).items;
    expect(reports).toHaveLength(6);
    expect([...new Set(reports.map((r: { status: string }) => r.status))].sort()).toEqual(
      ['closed', 'in_progress', 'new', 'resolved', 'wont_fix'].sort(),
    );
    expect(new Set(reports.map((r: { category: string }) => r.category)).size).toBe(4);
    expect((await b.events('brokerage.bug_report.created')).length).toBe(6);

    const approved = (await b.ok(reader, 'GET', '/purchase-orders', { query: { status: 'approved' } })).items[0];
    const pdf = await fetchBytes(t, b, reader, `/purchase-orders/${approved.id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.bytes);
    expect(text).toContain(approved.number);
    expect(text).toContain('Prime Meats Brokerage LLC');
  });
});
