import { JobQueue } from '../../src/platform/jobs/job-queue';
import { MAIL_QUEUE } from '../../src/platform/mail/mail.service';
import { decodedText, SmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp, unique } from '../support/test-app';
import { createPublishingOrg, errorPaths, PublishingOrg } from './publishing-kit';

/** Issue 15 item 9: the public contact form, its spam heuristics and rate limit, and officers' triage. */
describe('starcorp contact form (e2e)', () => {
  let t: TestApp;
  let g: PublishingOrg;
  let smtp: SmtpCapture;
  let ipCounter = 0;
  beforeAll(async () => {
    smtp = new SmtpCapture();
    // Behind a trusted proxy, so that each test sends from IPs of its own (the form allows 5 a minute per IP).
    t = await startTestApp({ SMTP_URL: await smtp.start(), TRUST_PROXY: '127.0.0.1', REDIS_URL: '' });
    g = await createPublishingOrg(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const freshIp = () => `198.51.100.${++ipCounter}`;
  const form = (overrides: Record<string, unknown> = {}) => ({
    name: 'Jane Pilot',
    email: `${unique('jane')}@example.test`,
    subject: 'Joining Far Out',
    message: 'Hello! I fly a Cutlass and would like to join your mining operations.',
    ...overrides,
  });
  const submit = (body: Record<string, unknown>, opts: { ip?: string; slug?: string } = {}) =>
    g.call(null, 'POST', '/contact', {
      body,
      slug: opts.slug,
      headers: { 'x-forwarded-for': opts.ip ?? freshIp(), 'user-agent': 'ContactTest/1.0' },
    });
  const officer = () => g.at('officer');
  const submissionOf = async (id: string) => (await g.call(officer(), 'GET', `/contact/submissions/${id}`)).body;
  const setStatus = (id: string, status: string) =>
    g.call(officer(), 'PUT', `/contact/submissions/${id}/status`, { body: { status } });
  const reply = (id: string, message = 'Welcome aboard! Join our Discord.') =>
    g.call(officer(), 'POST', `/contact/submissions/${id}/reply`, { body: { message } });

  describe('access', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    it.each([
      ['GET', '/contact/submissions', undefined],
      ['GET', `/contact/submissions/${id}`, undefined],
      ['PUT', `/contact/submissions/${id}/status`, { status: 'read' }],
      ['POST', `/contact/submissions/${id}/reply`, { message: 'hi' }],
    ])('%s %s: officers only', async (method, path, body) => {
      await g.forbidden(method, path, 'officer', ['starcorp:write'], { body });
    });

    it('the editor grant gives no triage', async () => {
      expect((await g.call(g.editor, 'GET', '/contact/submissions')).status).toBe(403);
    });

    it('the form is 404 where the public site is off or the context is not enabled', async () => {
      expect((await submit(form(), { slug: g.withoutContextsSlug })).status).toBe(404);
      const closed = await createPublishingOrg(t);
      await t.db.query('UPDATE orgs SET public_site = false WHERE id = $1', [closed.id]);
      expect((await submit(form(), { slug: closed.slug })).status).toBe(404);
    });
  });

  it('stores a submission with the client IP and user agent and announces it', async () => {
    const ip = freshIp();
    const sent = await submit(form({ subject: 'Recruitment question' }), { ip });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ id: expect.any(String), detail: expect.any(String) });
    const stored = await submissionOf(sent.body.id);
    expect(stored).toEqual(
      expect.objectContaining({
        subject: 'Recruitment question',
        ipAddress: ip,
        userAgent: 'ContactTest/1.0',
        status: 'new',
        isSpam: false,
        spamReasons: [],
        responseSentAt: null,
      }),
    );
    const events = (await g.events('starcorp.contact.received')).filter((e) => e.subject_id === sent.body.id);
    expect(events).toEqual([
      { subject_id: sent.body.id, payload: expect.objectContaining({ subject: 'Recruitment question' }) },
    ]);
    expect(JSON.stringify(events[0].payload)).not.toContain('@example.test');
  });

  it('flags spam (honeypot, links, shouting) with the same answer, and does not announce it', async () => {
    const honeypot = await submit(form({ website: 'https://cheap-credits.test' }));
    const links = await submit(form({ message: 'Deals: https://a.test https://b.test https://c.test' }));
    const shouting = await submit(form({ message: 'BUY AUEC NOW CHEAPEST PRICES IN THE VERSE' }));
    for (const res of [honeypot, links, shouting]) {
      expect(res.status).toBe(202);
      expect(Object.keys(res.body).sort()).toEqual(['detail', 'id']);
    }
    expect((await submissionOf(honeypot.body.id)).spamReasons).toEqual(['honeypot']);
    expect((await submissionOf(links.body.id)).spamReasons).toEqual(['too-many-links']);
    expect((await submissionOf(shouting.body.id)).isSpam).toBe(true);
    const announced = (await g.events('starcorp.contact.received')).map((e) => e.subject_id);
    for (const res of [honeypot, links, shouting]) expect(announced).not.toContain(res.body.id);

    const spam = await g.call(officer(), 'GET', '/contact/submissions', { query: { spam: true } });
    expect(spam.body.items.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining([honeypot.body.id, links.body.id, shouting.body.id]),
    );
    expect(spam.body.items.every((s: { isSpam: boolean }) => s.isSpam)).toBe(true);
    const clean = await g.call(officer(), 'GET', '/contact/submissions', { query: { spam: 'false' } });
    expect(clean.body.items.every((s: { isSpam: boolean }) => !s.isSpam)).toBe(true);
  });

  it('refuses bad input with 400 and field paths, storing nothing', async () => {
    const count = async () =>
      (await t.db.query('SELECT count(*)::int AS n FROM starcorp_contact_submissions WHERE org_id = $1', [g.id]))[0].n;
    const before = await count();
    const bad = await submit({ name: '', email: 'not-an-email', subject: 'x'.repeat(301), extra: 1 });
    expect(bad.status).toBe(400);
    expect(errorPaths(bad)).toEqual(['email', 'extra', 'message', 'name', 'subject']);
    expect(await count()).toBe(before);
  });

  it('allows 5 submissions a minute per IP, then 429; other IPs are unaffected', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await submit(form(), { ip })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const refused = await submit(form(), { ip });
    expect(refused.status).toBe(429);
    expect(refused.body.slug).toBe('rate-limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await submit(form())).status).toBe(202);
  });

  describe('triage', () => {
    it('lists newest first with a status filter and pages by cursor', async () => {
      const a = await submit(form({ subject: 'first' }));
      const b = await submit(form({ subject: 'second' }));
      await setStatus(a.body.id, 'read');
      const fresh = await g.call(officer(), 'GET', '/contact/submissions', { query: { status: 'new', limit: 1 } });
      expect(fresh.body.items.map((s: { id: string }) => s.id)).toEqual([b.body.id]);
      const read = await g.call(officer(), 'GET', '/contact/submissions', { query: { status: 'read' } });
      expect(read.body.items.map((s: { id: string }) => s.id)).toContain(a.body.id);
      const next = await g.call(officer(), 'GET', '/contact/submissions', {
        query: { limit: 1, cursor: fresh.body.nextCursor },
      });
      expect(next.status).toBe(200);
      expect((await g.call(officer(), 'GET', '/contact/submissions', { query: { status: 'lost' } })).status).toBe(400);
    });

    it('replies by mail to the submitter, stamping responseSentAt; then archives and takes it up again', async () => {
      const body = form({ subject: 'Can I join?' });
      const sent = await submit(body);
      const early = await reply(sent.body.id);
      expect(early.status).toBe(409);
      expect(early.body).toEqual(
        expect.objectContaining({ slug: 'invalid-transition', currentState: 'new', attemptedState: 'replied' }),
      );

      expect((await setStatus(sent.body.id, 'read')).body.status).toBe('read');
      const replied = await reply(sent.body.id);
      expect(replied.status).toBe(200);
      expect(replied.body.status).toBe('replied');
      expect(Date.parse(replied.body.responseSentAt)).not.toBeNaN();
      await t.app.get(JobQueue).drain([MAIL_QUEUE]);
      const mails = smtp.to(body.email as string);
      expect(mails).toHaveLength(1);
      const text = decodedText(mails[0].raw);
      expect(text).toContain('Subject: Re: Can I join?');
      expect(text).toContain('Welcome aboard! Join our Discord.');
      expect(text).toContain('> Hello! I fly a Cutlass');
      expect(await g.audits('replyToStarcorpContact')).toEqual(
        expect.arrayContaining([{ target_id: sent.body.id, actor_user_id: officer().id }]),
      );

      const again = await reply(sent.body.id);
      expect(again.body).toEqual(expect.objectContaining({ slug: 'invalid-transition', currentState: 'replied' }));
      expect((await setStatus(sent.body.id, 'read')).body.currentState).toBe('replied');
      expect((await setStatus(sent.body.id, 'archived')).body.status).toBe('archived');
      expect((await setStatus(sent.body.id, 'archived')).body).toEqual(
        expect.objectContaining({ slug: 'invalid-transition', currentState: 'archived' }),
      );
      expect((await setStatus(sent.body.id, 'read')).body.status).toBe('read');
      await t.app.get(JobQueue).drain([MAIL_QUEUE]);
      expect(smtp.to(body.email as string)).toHaveLength(1);
    });

    it('archives a new submission directly; replied and new are not states to set by hand', async () => {
      const sent = await submit(form());
      expect((await setStatus(sent.body.id, 'replied')).status).toBe(400);
      expect((await setStatus(sent.body.id, 'new')).status).toBe(400);
      expect((await setStatus(sent.body.id, 'archived')).body.status).toBe('archived');
      expect((await reply(sent.body.id, '')).status).toBe(400);
    });

    it("another org's submission is 404", async () => {
      const sent = await submit(form());
      const outsider = (method: string, path: string, body?: unknown) =>
        g.call(g.outsider, method, path, { body, slug: g.outsiderSlug });
      expect((await outsider('GET', `/contact/submissions/${sent.body.id}`)).status).toBe(404);
      expect((await outsider('PUT', `/contact/submissions/${sent.body.id}/status`, { status: 'read' })).status).toBe(
        404,
      );
      expect((await outsider('POST', `/contact/submissions/${sent.body.id}/reply`, { message: 'hi' })).status).toBe(
        404,
      );
      expect((await submissionOf(sent.body.id)).status).toBe('new');
    });
  });
});
