import { JobQueue } from '../../src/platform/jobs/job-queue';
import { MAIL_QUEUE, MailRequest, MailService } from '../../src/platform/mail/mail.service';
import { Brokerage, createBrokerage, uniqueName } from '../brokerage/brokerage-kit';
import { decodedText, SmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp } from '../support/test-app';
import { fetchBytes, orderFixtures, pdfText } from './support-kit';

/** Issue 14 item 4: a purchase order's PDF, and mailing it to the supplier. */
describe('brokerage purchase order PDF and send (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  let smtp: SmtpCapture;
  let fx: Awaited<ReturnType<typeof orderFixtures>>;
  let delivered: MailRequest[];

  const member = () => b.org.at('member');
  const supplier = (body: Record<string, unknown> = {}) =>
    b.ok(member(), 'POST', '/suppliers', { body: { name: uniqueName('Packer'), ...body } });
  const drainMail = async () => {
    await t.app.get(JobQueue).drain([MAIL_QUEUE]);
  };

  beforeAll(async () => {
    smtp = new SmtpCapture();
    t = await startTestApp({ SMTP_URL: await smtp.start(), REDIS_URL: '' });
    b = await createBrokerage(t);
    await b.ok(b.org.owner, 'PATCH', '/settings', {
      body: {
        legalName: 'Prime Test Brokerage LLC',
        contactEmail: 'orders@prime-test.example',
        address: { line1: '1 Market Street', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
      },
    });
    fx = await orderFixtures(b);
    delivered = [];
    const mail = t.app.get(MailService);
    const deliver = mail.deliver.bind(mail);
    jest.spyOn(mail, 'deliver').mockImplementation(async (request) => {
      delivered.push(request);
      return deliver(request);
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  describe('GET purchase-orders/{id}/pdf', () => {
    it('readonly downloads the order as a PDF showing its number, supplier, plant, carrier, lines and issuer', async () => {
      const vendor = await supplier({
        address: { line1: '99 Ranch Road', city: 'Dodge City', region: 'KS', country: 'US' },
      });
      const order = await fx.order(vendor.id, 'approved');
      const res = await fetchBytes(t, b, b.org.at('readonly'), `/purchase-orders/${order.id}/pdf`);
      expect(res.status).toBe(200);
      expect(res.contentType).toMatch(/^application\/pdf/);
      expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(res.bytes);
      for (const expected of [
        order.number,
        'Prime Test Brokerage LLC',
        'orders@prime-test.example',
        vendor.name,
        '99 Ranch Road',
        fx.plant.name,
        fx.carrier.name,
        `${fx.product.productCode} Beef chuck roll`,
        '600.000',
        '2.1350',
        '1281.00 USD',
        'Keep frozen',
        'Page 1 of 1',
      ])
        expect(text).toContain(expected);
    });

    it('the same order renders to the same bytes (deterministic)', async () => {
      const order = await fx.order((await supplier()).id, 'draft');
      const a = await fetchBytes(t, b, member(), `/purchase-orders/${order.id}/pdf`);
      const c = await fetchBytes(t, b, member(), `/purchase-orders/${order.id}/pdf`);
      expect(a.bytes.equals(c.bytes)).toBe(true);
    });

    it('refuses strangers, anonymous and scope-less keys; another org gets 404', async () => {
      const order = await fx.order((await supplier()).id, 'draft');
      await b.forbidden('GET', `/purchase-orders/${order.id}/pdf`, 'readonly', ['brokerage:read']);
      const other = await createBrokerage(t);
      await other.expectNotFound(other.org.owner, [['GET', `/purchase-orders/${order.id}/pdf`]]);
    });
  });

  describe('POST purchase-orders/{id}/send', () => {
    it('mails the supplier contact with an ordering role, the PDF attached; audited and announced', async () => {
      const vendor = await supplier({ email: 'front-desk@packer.example' });
      await b.ok(member(), 'POST', '/contacts', {
        body: {
          firstName: 'Quality',
          lastName: 'Person',
          email: 'qa@packer.example',
          links: [{ partyId: vendor.id, role: 'quality' }],
        },
      });
      await b.ok(member(), 'POST', '/contacts', {
        body: {
          firstName: 'Sally',
          lastName: 'Sales',
          email: 'sally@packer.example',
          links: [{ partyId: vendor.id, role: 'Sales rep' }],
        },
      });
      const order = await fx.order(vendor.id, 'approved');
      const sent = await b.ok(member(), 'POST', `/purchase-orders/${order.id}/send`);
      expect(sent).toMatchObject({
        purchaseOrderId: order.id,
        number: order.number,
        sentTo: 'sally@packer.example',
        fileName: `${order.number}.pdf`,
      });
      expect(sent.contactId).toEqual(expect.any(String));

      delivered.length = 0;
      await drainMail();
      const mails = smtp.to('sally@packer.example');
      expect(mails).toHaveLength(1);
      expect(decodedText(mails[0].raw)).toContain(`Purchase order ${order.number}`);
      // The PDF reaches the SMTP server as an attachment of the message.
      expect(mails[0].raw).toMatch(new RegExp(`Content-Type: application/pdf; name="?${order.number}\\.pdf`));
      // The PDF travels with the mail job, ready for the transport.
      // (Other mails of the org, a sales order confirmation say, may go in the same drain.)
      const sentOrders = delivered.filter((request) => request.purpose === 'brokerage.purchase_order.sent');
      expect(sentOrders).toHaveLength(1);
      const attachments = sentOrders[0].attachments ?? [];
      expect(attachments).toHaveLength(1);
      expect(attachments[0]).toMatchObject({ filename: `${order.number}.pdf`, contentType: 'application/pdf' });
      const pdf = Buffer.from(attachments[0].contentBase64, 'base64');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfText(pdf)).toContain(order.number);

      const events = (await b.events('brokerage.purchase_order.sent')).filter((e) => e.subject_id === order.id);
      expect(events).toHaveLength(1);
      expect(events[0].payload).toMatchObject({ sentTo: 'sally@packer.example', number: order.number });
      expect((await b.audits('sendBrokeragePurchaseOrder')).map((a) => a.target_id)).toContain(order.id);
    });

    it("prefers the order's own contact when linked to the supplier, and falls back to the supplier's email", async () => {
      const vendor = await supplier({ email: 'orders@fallback.example' });
      const order = await fx.order(vendor.id, 'approved');
      const fallback = await b.ok(member(), 'POST', `/purchase-orders/${order.id}/send`);
      expect(fallback).toMatchObject({ sentTo: 'orders@fallback.example', contactId: null });

      const linked = await supplier();
      const own = await b.ok(member(), 'POST', '/contacts', {
        body: {
          firstName: 'Olly',
          lastName: 'Own',
          email: 'olly@linked.example',
          links: [{ partyId: linked.id, role: 'owner' }],
        },
      });
      await b.ok(member(), 'POST', '/contacts', {
        body: {
          firstName: 'Ann',
          lastName: 'Orders',
          email: 'ann@linked.example',
          links: [{ partyId: linked.id, role: 'orders' }],
        },
      });
      const draft = await fx.order(linked.id, 'draft');
      await b.ok(member(), 'PATCH', `/purchase-orders/${draft.id}`, { body: { contactId: own.id } });
      await b.ok(member(), 'POST', `/purchase-orders/${draft.id}/submit`);
      await b.ok(b.org.at('officer'), 'POST', `/purchase-orders/${draft.id}/approve`);
      const toOwn = await b.ok(member(), 'POST', `/purchase-orders/${draft.id}/send`);
      expect(toOwn).toMatchObject({ sentTo: 'olly@linked.example', contactId: own.id });

      await drainMail();
      expect(smtp.to('orders@fallback.example')).toHaveLength(1);
      expect(smtp.to('olly@linked.example')).toHaveLength(1);
    });

    it('an order may be sent again: one mail per send', async () => {
      const vendor = await supplier({ email: 'twice@packer.example' });
      const order = await fx.order(vendor.id, 'approved');
      await b.ok(member(), 'POST', `/purchase-orders/${order.id}/send`);
      await b.ok(member(), 'POST', `/purchase-orders/${order.id}/send`);
      await drainMail();
      expect(smtp.to('twice@packer.example')).toHaveLength(2);
    });

    it('without a contact with an email or a supplier email: 409 no-supplier-contact, nothing mailed or recorded', async () => {
      const vendor = await supplier();
      await b.ok(member(), 'POST', '/contacts', {
        body: { firstName: 'No', lastName: 'Email', links: [{ partyId: vendor.id, role: 'sales' }] },
      });
      await b.ok(member(), 'POST', '/contacts', {
        body: {
          firstName: 'Wrong',
          lastName: 'Role',
          email: 'qa@nobody.example',
          links: [{ partyId: vendor.id, role: 'quality' }],
        },
      });
      const order = await fx.order(vendor.id, 'approved');
      const problem = await b.fails(member(), 409, 'POST', `/purchase-orders/${order.id}/send`, {
        problem: 'no-supplier-contact',
      });
      expect(problem.supplierId).toBe(vendor.id);
      expect((await b.events('brokerage.purchase_order.sent')).filter((e) => e.subject_id === order.id)).toEqual([]);
      await drainMail();
      expect(smtp.to('qa@nobody.example')).toEqual([]);
    });

    it.each(['draft', 'pending_approval', 'received', 'cancelled'] as const)(
      'a %s order is not sent: 409 order-not-sendable with currentState',
      async (state) => {
        const order = await fx.order((await supplier({ email: `${state}@packer.example` })).id, state);
        const problem = await b.fails(member(), 409, 'POST', `/purchase-orders/${order.id}/send`, {
          problem: 'order-not-sendable',
        });
        expect(problem).toMatchObject({ currentState: state, allowedStates: ['approved'] });
      },
    );

    it('readonly cannot send (403); another org 404; strangers and anonymous refused', async () => {
      const order = await fx.order((await supplier({ email: 'x@packer.example' })).id, 'approved');
      await b.forbidden('POST', `/purchase-orders/${order.id}/send`, 'member', ['brokerage:write']);
      const other = await createBrokerage(t);
      await other.expectNotFound(other.org.owner, [['POST', `/purchase-orders/${order.id}/send`]]);
    });
  });
});
