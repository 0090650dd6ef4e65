import { randomUUID } from 'node:crypto';
import { BROKERAGE_EXPORT_QUEUE, ExportsService } from '../../src/contexts/brokerage/insights/exports/exports.service';
import { readZip } from '../../src/contexts/brokerage/insights/exports/zip';
import { JobQueue } from '../../src/platform/jobs/job-queue';
import { Brokerage, createBrokerage } from '../brokerage/brokerage-kit';
import { orderBody, orderIn, SalesRefs, salesRefs } from '../brokerage-sales/sales-kit';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { issuedInvoice, key } from './insights-kit';

/* eslint-disable @typescript-eslint/no-explicit-any */

const FILES = [
  'suppliers.csv',
  'customers.csv',
  'products.csv',
  'purchase-orders.csv',
  'purchase-order-lines.csv',
  'sales-orders.csv',
  'sales-order-lines.csv',
  'invoices.csv',
  'invoice-lines.csv',
  'payments.csv',
  'payment-allocations.csv',
  'order-history.csv',
];

/** A download's status, headers and bytes (the raw kit reads bodies as text). */
async function download(t: TestApp, who: TestUser, path: string) {
  const response = await fetch(t.baseUrl + path, { headers: { authorization: `Bearer ${who.token}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Records of a CSV (RFC 4180, quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

/** The CSVs of an archive as objects keyed by the header. */
function tables(zip: Buffer): Record<string, Record<string, string>[]> {
  return Object.fromEntries(
    readZip(zip).map(({ name, data }) => {
      const [header, ...rows] = parseCsv(data.toString('utf8'));
      return [name, rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])))];
    }),
  );
}

/** Issue 14 item 8: data exports (a job writes a ZIP of CSVs to file storage). */
describe('brokerage exports (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  let refs: SalesRefs;
  let invoice: any;
  let payment: any;

  const admin = () => b.org.at('admin');
  // Runs the queued exports (the worker database may hold other runs' jobs: only failures are counted).
  const drain = async () => expect((await t.app.get(JobQueue).drain([BROKERAGE_EXPORT_QUEUE])).failed).toBe(0);
  const start = (kit: Brokerage = b, headers: Record<string, string> = {}) =>
    kit.call(kit.org.at('admin'), 'POST', '/exports', { headers });
  const auditCount = async (orgId: string) =>
    Number(
      (
        await t.db.query(
          `SELECT count(*) AS n FROM audit_log WHERE org_id = $1
              AND target_type IN ('purchaseorders', 'salesorders', 'invoices', 'payments')`,
          [orgId],
        )
      )[0].n,
    );

  beforeAll(async () => {
    t = await startTestApp();
    b = await createBrokerage(t);
    refs = await salesRefs(b);
    // Names a CSV must quote.
    await b.ok(b.org.at('member'), 'PATCH', `/suppliers/${refs.supplier.id}`, {
      body: { notes: 'Ships Mon, Wed\nCall "Dale" first' },
    });
    await orderIn(b, orderBody(refs, { purchaseOrderIds: [refs.purchaseOrder.id] }), 'confirmed');
    invoice = await issuedInvoice(b, refs, '120', refs.customer.id, '2026-11-02');
    payment = await b.ok(b.org.owner, 'POST', '/payments', {
      headers: key(),
      body: {
        customerId: refs.customer.id,
        amount: '100',
        method: 'wire',
        receivedAt: '2026-11-20T15:00:00Z',
        allocations: [{ invoiceId: invoice.id, amount: '100' }],
      },
    });
  });
  afterAll(() => t.close());

  it('the entity matches the migration (no schema drift on the export table)', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query).filter((q) => q.includes('brokerage_export_runs'))).toEqual([]);
  });

  it('an admin queues an export (202); asking again while it waits answers with the same one', async () => {
    const first = await start();
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({
      status: 'queued',
      requestedById: admin().id,
      fileId: null,
      downloadUrl: null,
      counts: null,
      error: null,
      startedAt: null,
    });
    const again = await start(b, key());
    expect([again.status, again.body.id]).toEqual([202, first.body.id]);
    expect((await b.audits('startBrokerageExport')).map((a) => a.target_id)).toEqual([first.body.id]);
    const early = await b.fails(admin(), 409, 'GET', `/exports/${first.body.id}/download`, {
      problem: 'export-not-ready',
    });
    expect(early.currentState).toBe('queued');

    await drain();
    const done = await b.ok(admin(), 'GET', `/exports/${first.body.id}`);
    expect(done).toMatchObject({
      status: 'completed',
      fileId: expect.any(String),
      sizeBytes: expect.any(Number),
      downloadUrl: `/api/v1/orgs/${b.org.slug}/brokerage/exports/${first.body.id}/download`,
      error: null,
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    // Drafted and confirmed the sales order, drafted and issued the invoice, the PO and the payment.
    const history = await auditCount(b.org.id);
    expect(history).toBe(6);
    expect(done.counts).toEqual({
      'suppliers.csv': 1,
      'customers.csv': 1,
      'products.csv': 2,
      'purchase-orders.csv': 1,
      'purchase-order-lines.csv': 1,
      'sales-orders.csv': 1,
      'sales-order-lines.csv': 2,
      'invoices.csv': 1,
      'invoice-lines.csv': 1,
      'payments.csv': 1,
      'payment-allocations.csv': 1,
      'order-history.csv': history,
    });

    // The ZIP, through the download link and through the platform's file route, read back.
    const got = await download(t, admin(), done.downloadUrl);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/zip');
    expect(got.headers.get('content-disposition')).toContain(`${b.org.slug}-export-`);
    const zip = got.bytes;
    expect(zip.length).toBe(done.sizeBytes);
    const viaFiles = await download(t, admin(), `/api/v1/orgs/${b.org.slug}/files/${done.fileId}`);
    expect(viaFiles.bytes.equals(zip)).toBe(true);
    expect(readZip(zip).map((e) => e.name)).toEqual(FILES);
    const csv = tables(zip);
    for (const [file, rows] of Object.entries(csv))
      expect({ file, rows: rows.length }).toEqual({ file, rows: done.counts[file] });
    expect(csv['suppliers.csv'][0]).toMatchObject({
      id: refs.supplier.id,
      name: refs.supplier.name,
      notes: 'Ships Mon, Wed\nCall "Dale" first',
    });
    expect(csv['purchase-orders.csv'][0]).toMatchObject({
      number: refs.purchaseOrder.number,
      status: 'draft',
      supplierName: refs.supplier.name,
      total: '240.00',
      currency: 'USD',
    });
    expect(csv['sales-orders.csv'][0]).toMatchObject({
      status: 'confirmed',
      total: '1631.00',
      purchaseOrderIds: refs.purchaseOrder.id,
      orderDate: '2026-11-30',
    });
    expect(csv['sales-order-lines.csv'].map((l) => [l.lineNo, l.unitPrice, l.total]).sort()).toEqual([
      ['1', '2.1350', '1281.00'],
      ['2', '87.5000', '350.00'],
    ]);
    expect(csv['invoices.csv'][0]).toMatchObject({
      id: invoice.id,
      number: invoice.number,
      status: 'partly_paid',
      invoiceDate: '2026-11-02',
      total: '120.00',
      outstanding: '20.00',
    });
    expect(csv['payment-allocations.csv'][0]).toMatchObject({
      paymentId: payment.id,
      invoiceNumber: invoice.number,
      amount: '100.00',
    });
    const history_ = csv['order-history.csv'];
    expect(new Set(history_.map((h) => h.targetType))).toEqual(
      new Set(['purchaseorders', 'salesorders', 'invoices', 'payments']),
    );
    expect(history_.map((h) => h.action).sort()).toEqual([
      'confirmBrokerageSalesOrder',
      'createBrokerageInvoice',
      'createBrokeragePurchaseOrder',
      'createBrokerageSalesOrder',
      'issueBrokerageInvoice',
      'recordBrokeragePayment',
    ]);
    expect(history_.find((h) => h.action === 'recordBrokeragePayment')).toMatchObject({
      targetId: payment.id,
      status: '201',
    });
    expect(history_.some((h) => h.action === 'startBrokerageExport')).toBe(false);

    // Finished: the next request queues a new export; the list shows both, newest first.
    const next = await start();
    expect(next.status).toBe(202);
    expect(next.body.id).not.toBe(first.body.id);
    const listed = await b.ok(admin(), 'GET', '/exports');
    expect(listed.items.map((e: any) => [e.id, e.status])).toEqual([
      [next.body.id, 'queued'],
      [first.body.id, 'completed'],
    ]);
    await drain();
    // Running the same job again (a retry) leaves a finished run alone.
    expect((await b.ok(admin(), 'GET', `/exports/${next.body.id}`)).status).toBe('completed');
  });

  it('the job is idempotent: a finished run is left alone, a run whose worker died starts over', async () => {
    const service = t.app.get(ExportsService);
    const queued = (await start()).body;
    await drain();
    const done = await b.ok(admin(), 'GET', `/exports/${queued.id}`);
    const job = { runId: queued.id, orgId: b.org.id, orgSlug: b.org.slug };
    await service.execute(job);
    expect(await b.ok(admin(), 'GET', `/exports/${queued.id}`)).toEqual(done);
    // A worker died mid-run: the run is left `running` and pg-boss retries the job.
    await t.db.query(`UPDATE brokerage_export_runs SET status = 'running', file_id = NULL WHERE id = $1`, [queued.id]);
    expect((await start()).body.id).toBe(queued.id);
    await service.execute(job);
    const redone = await b.ok(admin(), 'GET', `/exports/${queued.id}`);
    expect(redone).toMatchObject({ status: 'completed', counts: done.counts });
    expect(redone.fileId).not.toBe(done.fileId);
    await service.execute({ ...job, runId: randomUUID() });
  });

  it("an export holds only its org's records", async () => {
    const other = await createBrokerage(t);
    const started = await start(other);
    expect(started.status).toBe(202);
    await drain();
    const done = await other.ok(other.org.at('admin'), 'GET', `/exports/${started.body.id}`);
    expect(done.status).toBe('completed');
    expect(Object.values(done.counts).every((n) => n === 0)).toBe(true);
    const csv = tables((await download(t, other.org.at('admin'), done.downloadUrl)).bytes);
    expect(Object.keys(csv)).toEqual(FILES);
    expect(Object.values(csv).every((rows) => rows.length === 0)).toBe(true);
  });

  it('tiers and orgs: admins only (member 403), bots need brokerage:admin; another org 404', async () => {
    const run = (await b.ok(admin(), 'GET', '/exports')).items[0];
    await b.forbidden('POST', '/exports', 'admin', ['brokerage:admin']);
    await b.forbidden('GET', '/exports', 'admin', ['brokerage:admin'], { allowed: true });
    await b.forbidden('GET', `/exports/${run.id}`, 'admin', ['brokerage:admin'], { allowed: true });
    await b.forbidden('GET', `/exports/${run.id}/download`, 'admin', ['brokerage:admin'], { allowed: true });
    const member = await b.call(b.org.at('member'), 'POST', '/exports');
    expect(member.status).toBe(403);
    const other = await createBrokerage(t);
    await other.expectNotFound(other.org.owner, [
      ['GET', `/exports/${run.id}`],
      ['GET', `/exports/${run.id}/download`],
    ]);
    expect((await other.ok(other.org.owner, 'GET', '/exports')).items).toEqual([]);
  });
});
