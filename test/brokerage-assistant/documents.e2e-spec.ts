import { Brokerage, createBrokerage, uniqueName } from '../brokerage/brokerage-kit';
import { MiB, PNG } from '../support/sample-files';
import { startTestApp, TestApp } from '../support/test-app';
import { productWithCode, purchaseOrderPdf, readDocuments, uploadDocument } from './assistant-kit';

const code = () => uniqueName('VB').replace(/\s/g, '-').toUpperCase().slice(0, 20) + '1';

/**
 * Issue 14 item 9, without a model provider: documents read by the rule-based extractor, proposals
 * applied through the brokerage's services, chat answering 503.
 */
describe('brokerage assistant without a provider (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  const member = () => b.org.at('member');
  const readonly = () => b.org.at('readonly');
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    b = await createBrokerage(t);
  });
  afterAll(() => t.close());

  it('the entities match the migration (no schema drift on the assistant tables)', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query).filter((q) => q.includes('brokerage_assistant'))).toEqual([]);
  });

  /** Uploads a purchase order of a new supplier for an existing product, and reads it. */
  const uploadOrder = async (supplier = uniqueName('Valley Beef'), productCode = code()) => {
    await productWithCode(b, productCode);
    const pdf = await purchaseOrderPdf(supplier, `PO-${productCode}`, productCode);
    const uploaded = await uploadDocument(b, member(), pdf, { name: 'order.pdf' });
    expect(uploaded.status).toBe(201);
    await readDocuments(t);
    const document = await b.ok(readonly(), 'GET', `/assistant/documents/${uploaded.body.id}`);
    const { items } = await b.ok(readonly(), 'GET', '/assistant/proposals', { query: { documentId: document.id } });
    return { document, supplier, productCode, proposals: items };
  };

  describe('documents', () => {
    it('a member uploads a PDF: stored with its sha256, uploaded, then the job reads it with the rules', async () => {
      const supplier = uniqueName('Valley Beef');
      const productCode = code();
      const pdf = await purchaseOrderPdf(supplier, 'PO-2026-0042', productCode);
      const uploaded = await uploadDocument(b, member(), pdf, { name: 'po-42.pdf' });
      expect(uploaded.status).toBe(201);
      expect(uploaded.body).toMatchObject({
        status: 'uploaded',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
        fileName: 'po-42.pdf',
        uploadedById: member().id,
        text: null,
        entities: null,
      });
      expect(uploaded.body.sha256).toMatch(/^[0-9a-f]{64}$/);

      await readDocuments(t);
      const read = await b.ok(readonly(), 'GET', `/assistant/documents/${uploaded.body.id}`);
      expect(read).toMatchObject({ status: 'extracted', documentClass: 'purchase_order', extractor: 'rules' });
      expect(read.text).toContain('PO-2026-0042');
      expect(read.entities).toEqual({
        supplierName: supplier,
        poNumber: 'PO-2026-0042',
        invoiceNumber: null,
        orderDate: '2026-11-30',
        pickupDate: '2026-12-02',
        deliveryDate: '2026-12-04',
        lines: [
          {
            productCode,
            description: 'Beef chuck roll',
            cases: 10,
            weight: '600',
            weightUnit: 'LBS',
            unitPrice: '2.135',
            priceBasis: 'per_lb',
          },
        ],
      });
      const events = await b.events('brokerage.assistant_document.extracted');
      expect(events.map((e) => e.subject_id)).toContain(read.id);
    });

    it('the same content again answers the existing document and keeps no second file', async () => {
      const pdf = await purchaseOrderPdf(uniqueName('Same Co'), 'PO-1', code());
      const first = await uploadDocument(b, member(), pdf);
      const files = await count('SELECT count(*) AS n FROM files WHERE org_id = $1', [b.org.id]);
      const again = await uploadDocument(b, member(), pdf);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      expect(await count('SELECT count(*) AS n FROM files WHERE org_id = $1', [b.org.id])).toBe(files);
    });

    it('refuses content that is not a PDF, PNG or JPEG (415) and more than 20 MiB (413), storing nothing', async () => {
      const before = await count('SELECT count(*) AS n FROM brokerage_assistant_documents WHERE org_id = $1', [
        b.org.id,
      ]);
      const text = await uploadDocument(b, member(), Buffer.from('PO Number: 42, just text'));
      expect(text.status).toBe(415);
      const big = Buffer.concat([PNG, Buffer.alloc(20 * MiB + 1 - PNG.length)]);
      expect((await uploadDocument(b, member(), big)).status).toBe(413);
      expect(await count('SELECT count(*) AS n FROM brokerage_assistant_documents WHERE org_id = $1', [b.org.id])).toBe(
        before,
      );
    });

    it('an image without a vision-capable provider fails ocr-unavailable; reading it now is a 422', async () => {
      const uploaded = await uploadDocument(b, member(), PNG, { name: 'scan.png' });
      expect(uploaded.body).toMatchObject({ status: 'uploaded', contentType: 'image/png' });
      await readDocuments(t);
      const failed = await b.ok(readonly(), 'GET', `/assistant/documents/${uploaded.body.id}`);
      expect(failed).toMatchObject({ status: 'failed', failureCode: 'ocr-unavailable', text: null });
      expect(failed.failureReason).toMatch(/vision-capable/);
      const sync = await b.fails(member(), 422, 'POST', `/assistant/documents/${uploaded.body.id}/extract`, {
        problem: 'ocr-unavailable',
      });
      expect(sync.documentId).toBe(uploaded.body.id);
    });

    it('reading a PDF again refreshes its unapplied proposals', async () => {
      const { document, proposals } = await uploadOrder();
      expect(proposals).toHaveLength(2);
      const again = await b.ok(member(), 'POST', `/assistant/documents/${document.id}/extract`);
      expect(again.status).toBe('extracted');
      const { items } = await b.ok(readonly(), 'GET', '/assistant/proposals', { query: { documentId: document.id } });
      expect(items).toHaveLength(2);
      expect(items.map((p: { id: string }) => p.id).sort()).not.toEqual(
        proposals.map((p: { id: string }) => p.id).sort(),
      );
    });

    it('lists documents newest first without their text, and filters by status', async () => {
      const page = await b.ok(readonly(), 'GET', '/assistant/documents', { query: { limit: 2 } });
      expect(page.items).toHaveLength(2);
      expect(page.items[0]).not.toHaveProperty('text');
      expect(page.nextCursor).toEqual(expect.any(String));
      const failed = await b.ok(readonly(), 'GET', '/assistant/documents', { query: { status: 'failed' } });
      expect(failed.items.length).toBeGreaterThan(0);
      expect(failed.items.every((d: { status: string }) => d.status === 'failed')).toBe(true);
    });
  });

  describe('proposals', () => {
    it('a new supplier and a purchase order waiting for it; applied in order through the services', async () => {
      const { document, supplier, productCode, proposals } = await uploadOrder();
      const supplierProposal = proposals.find((p: { kind: string }) => p.kind === 'supplier');
      const orderProposal = proposals.find((p: { kind: string }) => p.kind === 'purchase_order');
      expect(supplierProposal).toMatchObject({ status: 'pending', supplier: { name: supplier }, purchaseOrder: null });
      expect(orderProposal).toMatchObject({
        status: 'pending',
        documentId: document.id,
        dependsOnId: supplierProposal.id,
        purchaseOrder: { supplierName: supplier, supplierId: null, documentNumber: `PO-${productCode}` },
      });
      expect(orderProposal.purchaseOrder.lines[0]).toMatchObject({ productCode, productId: expect.any(String) });

      const early = await b.fails(member(), 409, 'POST', `/assistant/proposals/${orderProposal.id}/apply`, {
        problem: 'proposal-supplier-unresolved',
      });
      expect(early).toMatchObject({ supplierName: supplier, dependsOnId: supplierProposal.id });
      expect((await b.ok(readonly(), 'GET', `/assistant/proposals/${orderProposal.id}`)).status).toBe('pending');

      const applied = await b.ok(member(), 'POST', `/assistant/proposals/${supplierProposal.id}/apply`);
      expect(applied).toMatchObject({ status: 'applied', appliedById: member().id });
      const created = await b.ok(readonly(), 'GET', `/suppliers/${applied.result.supplierId}`);
      expect(created.name).toBe(supplier);
      expect((await b.events('brokerage.supplier.created')).map((e) => e.subject_id)).toContain(created.id);

      const order = await b.ok(member(), 'POST', `/assistant/proposals/${orderProposal.id}/apply`);
      expect(order.result).toEqual({
        purchaseOrderId: expect.any(String),
        purchaseOrderNumber: expect.any(String),
      });
      const po = await b.ok(readonly(), 'GET', `/purchase-orders/${order.result.purchaseOrderId}`);
      expect(po).toMatchObject({
        status: 'draft',
        supplierId: created.id,
        orderDate: '2026-11-30',
        pickupDate: '2026-12-02',
        deliveryDate: '2026-12-04',
        supplierConfirmationNumber: `PO-${productCode}`,
        total: '1281.00',
        createdById: member().id,
      });
      expect(po.lines).toEqual([
        expect.objectContaining({ cases: 10, weight: '600.000', unitPrice: '2.1350', priceBasis: 'per_lb' }),
      ]);
    });

    it('applying twice answers the same result; concurrent applies create one record', async () => {
      const { proposals } = await uploadOrder();
      const supplierProposal = proposals.find((p: { kind: string }) => p.kind === 'supplier');
      const orderProposal = proposals.find((p: { kind: string }) => p.kind === 'purchase_order');
      const first = await b.ok(member(), 'POST', `/assistant/proposals/${supplierProposal.id}/apply`);
      const second = await b.ok(b.org.at('officer'), 'POST', `/assistant/proposals/${supplierProposal.id}/apply`);
      expect(second.result).toEqual(first.result);
      expect(second.appliedById).toBe(member().id);

      const orders = () => count('SELECT count(*) AS n FROM brokerage_purchase_orders WHERE org_id = $1', [b.org.id]);
      const before = await orders();
      const results = await Promise.all(
        [0, 1, 2].map(() => b.call(member(), 'POST', `/assistant/proposals/${orderProposal.id}/apply`)),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(new Set(results.map((r) => r.body.result.purchaseOrderId)).size).toBe(1);
      expect(await orders()).toBe(before + 1);
    });

    it('a proposal that no longer validates gives the service refusal and stays pending', async () => {
      const { proposals, supplier } = await uploadOrder();
      const supplierProposal = proposals.find((p: { kind: string }) => p.kind === 'supplier');
      await b.ok(member(), 'POST', '/suppliers', { body: { name: supplier } });
      const refused = await b.fails(member(), 409, 'POST', `/assistant/proposals/${supplierProposal.id}/apply`, {
        problem: 'duplicate-value',
      });
      expect(refused.field).toBe('name');
      expect((await b.ok(readonly(), 'GET', `/assistant/proposals/${supplierProposal.id}`)).status).toBe('pending');
      expect((await b.ok(member(), 'POST', `/assistant/proposals/${supplierProposal.id}/dismiss`)).status).toBe(
        'dismissed',
      );
      await b.fails(member(), 409, 'POST', `/assistant/proposals/${supplierProposal.id}/apply`, {
        problem: 'invalid-transition',
      });
    });

    it('an order whose product code is not on file is a 400 naming the line; a known supplier gets no proposal', async () => {
      const supplier = uniqueName('Known Packer');
      await b.ok(member(), 'POST', '/suppliers', { body: { name: supplier } });
      const pdf = await purchaseOrderPdf(supplier, 'PO-77', 'ZZ-404');
      const uploaded = await uploadDocument(b, member(), pdf);
      await readDocuments(t);
      const { items } = await b.ok(readonly(), 'GET', '/assistant/proposals', {
        query: { documentId: uploaded.body.id },
      });
      expect(items.map((p: { kind: string }) => p.kind)).toEqual(['purchase_order']);
      expect(items[0]).toMatchObject({ dependsOnId: null, purchaseOrder: { supplierId: expect.any(String) } });
      expect(items[0].purchaseOrder.lines[0].productId).toBeNull();
      const refused = await b.fails(member(), 400, 'POST', `/assistant/proposals/${items[0].id}/apply`);
      expect(refused.errors).toEqual([
        expect.objectContaining({
          path: 'purchaseOrder.lines.0.productId',
          message: expect.stringContaining('ZZ-404'),
        }),
      ]);
    });
  });

  describe('conversations without a provider', () => {
    it('a member starts one; a message is a 503 assistant-unavailable and stores nothing', async () => {
      const conversation = await b.ok(member(), 'POST', '/assistant/conversations', { body: { title: 'Orders' } });
      expect(conversation).toMatchObject({ title: 'Orders', status: 'active', context: {}, createdById: member().id });
      await b.fails(member(), 503, 'POST', `/assistant/conversations/${conversation.id}/messages`, {
        body: { content: 'Which orders are open?' },
        problem: 'assistant-unavailable',
      });
      const messages = await b.ok(readonly(), 'GET', `/assistant/conversations/${conversation.id}/messages`);
      expect(messages.items).toEqual([]);
    });

    it('moves active ⇄ completed → archived; an archived one does not change', async () => {
      const c = await b.ok(member(), 'POST', '/assistant/conversations', { body: {} });
      expect(c.title).toBe('New conversation');
      const path = `/assistant/conversations/${c.id}`;
      expect((await b.ok(member(), 'PATCH', path, { body: { status: 'completed' } })).status).toBe('completed');
      expect((await b.ok(member(), 'PATCH', path, { body: { status: 'active', title: 'Again' } })).title).toBe('Again');
      expect((await b.ok(member(), 'PATCH', path, { body: { status: 'archived' } })).status).toBe('archived');
      const refused = await b.fails(member(), 409, 'PATCH', path, {
        body: { status: 'active' },
        problem: 'invalid-transition',
      });
      expect(refused.currentState).toBe('archived');
      await b.fails(member(), 409, 'PATCH', path, { body: { title: 'x' }, problem: 'conversation-not-active' });
    });

    it('refuses bad input with field paths (400) and a context document of another org (404)', async () => {
      const bad = await b.fails(member(), 400, 'POST', '/assistant/conversations', {
        body: { title: '', context: { documentId: 'nope' }, extra: 1 },
      });
      expect(bad.errors.map((e: { path: string }) => e.path).sort()).toEqual(
        expect.arrayContaining(['context.documentId', 'title']),
      );
      await b.fails(member(), 404, 'POST', '/assistant/conversations', {
        body: { context: { documentId: '00000000-0000-4000-8000-000000000000' } },
      });
    });
  });

  describe('tiers', () => {
    it('readonly reads; writes need a member; strangers, anonymous and scope-less bots are refused', async () => {
      await b.forbidden('GET', '/assistant/documents', 'readonly', ['brokerage:read'], { allowed: true });
      await b.forbidden('GET', '/assistant/proposals', 'readonly', ['brokerage:read'], { allowed: true });
      await b.forbidden('GET', '/assistant/conversations', 'readonly', ['brokerage:read'], { allowed: true });
      await b.forbidden('POST', '/assistant/conversations', 'member', ['brokerage:write'], {
        allowed: true,
        okStatus: 201,
        body: { title: 'Tier check' },
      });
      expect((await uploadDocument(b, readonly(), PNG)).status).toBe(403);
      expect((await uploadDocument(b, b.org.at('trial'), PNG)).status).toBe(403);
    });

    it("another org's documents, proposals and conversations are 404", async () => {
      const { document, proposals } = await uploadOrder();
      const conversation = await b.ok(member(), 'POST', '/assistant/conversations', { body: {} });
      await b.expectNotFound(
        b.org.outsider,
        [
          ['GET', `/assistant/documents/${document.id}`],
          ['POST', `/assistant/documents/${document.id}/extract`],
          ['GET', `/assistant/proposals/${proposals[0].id}`],
          ['POST', `/assistant/proposals/${proposals[0].id}/apply`],
          ['GET', `/assistant/conversations/${conversation.id}`],
          ['GET', `/assistant/conversations/${conversation.id}/messages`],
          ['PATCH', `/assistant/conversations/${conversation.id}`, { title: 'Mine' }],
        ],
        { slug: b.org.outsiderSlug },
      );
      expect((await b.ok(readonly(), 'GET', `/assistant/proposals/${proposals[0].id}`)).status).toBe('pending');
    });
  });
});
