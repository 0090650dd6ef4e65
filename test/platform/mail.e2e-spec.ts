import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueue } from '../../src/platform/jobs/job-queue';
import { html } from '../../src/platform/mail/mail-template';
import { MAIL_QUEUE, MailService } from '../../src/platform/mail/mail.service';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp, unique } from '../support/test-app';

const TEMPLATE = 'test.greeting';
const greeting = {
  subject: ({ name }: { name: string }) => `Hello ${name}`,
  text: ({ name }: { name: string }) => `Hello ${name}, plain.`,
  html: ({ name }: { name: string }) => html`<p>Hello <b>${name}</b></p>`,
};

async function mailRow(t: TestApp, subjectId: string) {
  const [row] = await t.db.query('SELECT status, attempts, last_error FROM mail_sends WHERE subject_id = $1', [
    subjectId,
  ]);
  return row as { status: string; attempts: number; last_error: string | null } | undefined;
}

/** The backoff has passed: what a test cannot wait for, it moves (only start_after). */
async function makeDue(t: TestApp, subjectId: string): Promise<void> {
  await t.db.query(
    `UPDATE pgboss.job SET start_after = now() - interval '1 second' WHERE name = $1 AND data->>'subjectId' = $2`,
    [MAIL_QUEUE, subjectId],
  );
}

describe('mail over SMTP (e2e)', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let mail: MailService;
  let jobs: JobQueue;
  const send = (to: string, subjectId: string, name = 'Ann') =>
    t.db.transaction((tx) =>
      mail.send(tx, { to, template: TEMPLATE, data: { name }, purpose: 'test.greeting', subjectId }),
    );

  beforeAll(async () => {
    smtp = new SmtpCapture();
    t = await startTestApp({ SMTP_URL: await smtp.start(), MAIL_FROM: 'QM Test <qm@example.test>' });
    mail = t.app.get(MailService);
    jobs = t.app.get(JobQueue);
    mail.defineTemplate(TEMPLATE, greeting);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('sends a text and an HTML part, with data escaped in the HTML', async () => {
    const to = `${unique('ann')}@example.test`;
    expect(await send(to, unique('s'), '<Ann & Co>')).toBe(true);
    await jobs.drain([MAIL_QUEUE]);
    const [message] = smtp.to(to);
    expect(message.raw).toMatch(/^Subject: Hello <Ann & Co>/m);
    expect(message.raw).toMatch(/^From: QM Test <qm@example.test>/m);
    expect(message.raw).toContain('Content-Type: text/plain');
    expect(message.raw).toContain('Hello <Ann & Co>, plain.');
    expect(message.raw).toContain('Content-Type: text/html');
    expect(message.raw).toContain('<p>Hello <b>&lt;Ann &amp; Co&gt;</b></p>');
  });

  it('sends once when the job is retried after the server refused the message', async () => {
    const to = `${unique('bob')}@example.test`;
    const subjectId = unique('s');
    await send(to, subjectId);
    smtp.refuseNext(1);
    await jobs.drain([MAIL_QUEUE]);
    expect(smtp.to(to)).toHaveLength(0);
    expect(await mailRow(t, subjectId)).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await mailRow(t, subjectId))?.last_error).toContain('Try again later');

    await makeDue(t, subjectId);
    await jobs.drain([MAIL_QUEUE]);
    await makeDue(t, subjectId);
    await jobs.drain([MAIL_QUEUE]);
    expect(smtp.to(to)).toHaveLength(1);
    expect(await mailRow(t, subjectId)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('sends one mail per purpose and subject id, however often it is asked for', async () => {
    const to = `${unique('cid')}@example.test`;
    const subjectId = unique('s');
    expect(await send(to, subjectId)).toBe(true);
    expect(await send(to, subjectId)).toBe(false);
    await jobs.drain([MAIL_QUEUE]);
    // A job re-run after it succeeded (a worker that died before pg-boss marked it done).
    await mail.deliver({ to, template: TEMPLATE, data: { name: 'Ann' }, purpose: 'test.greeting', subjectId });
    expect(smtp.to(to)).toHaveLength(1);
  });

  it('sends nothing when the transaction that queued the mail rolls back', async () => {
    const to = `${unique('dan')}@example.test`;
    const subjectId = unique('s');
    await expect(
      t.db.transaction(async (tx) => {
        await mail.send(tx, { to, template: TEMPLATE, data: { name: 'Dan' }, purpose: 'test.greeting', subjectId });
        throw new Error('the business write failed');
      }),
    ).rejects.toThrow('the business write failed');
    await jobs.drain([MAIL_QUEUE]);
    expect(smtp.to(to)).toHaveLength(0);
    expect(await mailRow(t, subjectId)).toBeUndefined();
  });

  it('does not send again a mail a stopped worker had claimed (uncertain rather than twice)', async () => {
    const to = `${unique('eve')}@example.test`;
    const subjectId = unique('s');
    await send(to, subjectId);
    // As if a worker claimed it, maybe handed it to the server, and died before recording `sent`.
    await t.db.query(`UPDATE mail_sends SET status = 'sending', attempts = 1 WHERE subject_id = $1`, [subjectId]);
    await jobs.drain([MAIL_QUEUE]);
    expect(smtp.to(to)).toHaveLength(0);
    expect(await mailRow(t, subjectId)).toMatchObject({ status: 'uncertain', attempts: 1 });
  });

  it('refuses an unknown template in the caller, so its transaction rolls back', async () => {
    await expect(
      t.db.transaction((tx) =>
        mail.send(tx, { to: 'x@example.test', template: 'test.nope', data: {}, purpose: 'p', subjectId: unique('s') }),
      ),
    ).rejects.toThrow('Unknown mail template test.nope');
  });
});

describe('mail without SMTP_URL (e2e)', () => {
  it('writes each message as an .eml file in QM_MAIL_DIR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qm-mail-'));
    const t = await startTestApp({ QM_MAIL_DIR: dir });
    try {
      const mail = t.app.get(MailService);
      mail.defineTemplate(TEMPLATE, greeting);
      const subjectId = unique('s');
      await t.db.transaction((tx) =>
        mail.send(tx, {
          to: 'fay@example.test',
          template: TEMPLATE,
          data: { name: 'Fay' },
          purpose: 'test.file',
          subjectId,
        }),
      );
      await t.app.get(JobQueue).drain([MAIL_QUEUE]);
      const files = (await readdir(dir)).filter((name) => name.includes(subjectId));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const eml = await readFile(join(dir, files[0]), 'utf8');
      expect(eml).toMatch(/^To: fay@example.test/m);
      expect(eml).toMatch(/^Subject: Hello Fay/m);
      expect((await t.db.query('SELECT status FROM mail_sends WHERE subject_id = $1', [subjectId]))[0].status).toBe(
        'sent',
      );
    } finally {
      await t.close();
    }
  });
});
