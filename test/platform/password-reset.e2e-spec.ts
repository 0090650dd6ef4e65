import { JobQueue } from '../../src/platform/jobs/job-queue';
import { MAIL_QUEUE } from '../../src/platform/mail/mail.service';
import { PASSWORD_RESET_QUEUE } from '../../src/platform/auth/password-reset/password-reset.service';
import { http } from '../support/http';
import { decodedText, SmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp, unique } from '../support/test-app';

interface Account {
  username: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

describe('password reset (e2e)', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  const drain = () => t.app.get(JobQueue).drain([PASSWORD_RESET_QUEUE, MAIL_QUEUE]);

  async function account(): Promise<Account> {
    const username = unique('rst');
    const email = `${username}@example.test`;
    const password = 'correct-horse-battery';
    const res = await http(t, null, 'POST', '/api/v1/auth/register', { body: { username, email, password } });
    expect(res.status).toBe(201);
    return { username, email, password, ...res.body };
  }

  /** Asks for a reset and returns the token from the mail that arrives. */
  async function resetToken(login: string, email: string): Promise<string> {
    const before = smtp.to(email).length;
    expect(
      (await http(t, null, 'POST', '/api/v1/auth/password-reset', { body: { usernameOrEmail: login } })).status,
    ).toBe(202);
    await drain();
    const mails = smtp.to(email);
    expect(mails).toHaveLength(before + 1);
    return /Token: ([A-Za-z0-9_-]{43})/.exec(decodedText(mails[mails.length - 1].raw))![1];
  }

  const confirm = (token: string, newPassword = 'a-brand-new-password') =>
    http(t, null, 'POST', '/api/v1/auth/password-reset/confirm', { body: { token, newPassword } });
  const login = (username: string, password: string) =>
    http(t, null, 'POST', '/api/v1/auth/login', { body: { username, password } });

  beforeAll(async () => {
    smtp = new SmtpCapture();
    t = await startTestApp({ SMTP_URL: await smtp.start(), PASSWORD_RESET_URL: 'https://app.example.test/reset' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('answers the same 202 for an existing and an unknown account, and mails only the existing one', async () => {
    const user = await account();
    const known = await http(t, null, 'POST', '/api/v1/auth/password-reset', { body: { usernameOrEmail: user.email } });
    const nobody = `${unique('nobody')}@example.test`;
    const unknown = await http(t, null, 'POST', '/api/v1/auth/password-reset', { body: { usernameOrEmail: nobody } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await drain();
    // Counted per address: the worker's database is shared by test files, and draining the mail
    // queue also sends what other files left queued.
    expect(smtp.to(user.email)).toHaveLength(1);
    expect(smtp.to(nobody)).toHaveLength(0);
    const text = decodedText(smtp.to(user.email)[0].raw);
    expect(text).toContain('Subject: Reset your Quartermaster password');
    expect(text).toMatch(/https:\/\/app\.example\.test\/reset\?token=[A-Za-z0-9_-]{43}/);
  });

  it('sets the password with the mailed token, ends every session, and the token works once', async () => {
    const user = await account();
    const token = await resetToken(user.username, user.email);
    expect((await confirm(token)).status).toBe(204);

    expect((await http(t, { token: user.accessToken } as never, 'GET', '/api/v1/me')).status).toBe(401);
    const refresh = await http(t, null, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(refresh.status).toBe(401);
    expect((await login(user.username, user.password)).status).toBe(401);
    expect((await login(user.username, 'a-brand-new-password')).status).toBe(200);

    const again = await confirm(token, 'yet-another-password');
    expect(again.status).toBe(400);
    expect(again.body.slug).toBe('password-reset-token-invalid');
    expect((await login(user.username, 'a-brand-new-password')).status).toBe(200);
  });

  it('refuses an expired token, and a token once a newer one of the same user was used', async () => {
    const user = await account();
    const expired = await resetToken(user.email, user.email);
    await t.db.query(
      `UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = (
      SELECT id FROM users WHERE username = $1)`,
      [user.username],
    );
    expect((await confirm(expired)).status).toBe(400);

    const first = await resetToken(user.username, user.email);
    const second = await resetToken(user.username, user.email);
    expect((await confirm(second)).status).toBe(204);
    expect((await confirm(first, 'third-password-here')).body.slug).toBe('password-reset-token-invalid');
    expect((await login(user.username, 'a-brand-new-password')).status).toBe(200);
  });

  it('stores only a hash of the token, valid for the configured 30 minutes', async () => {
    const user = await account();
    const token = await resetToken(user.username, user.email);
    const [row] = await t.db.query(
      `SELECT token_hash, extract(epoch FROM expires_at - created_at)::int AS ttl FROM password_reset_tokens
        WHERE user_id = (SELECT id FROM users WHERE username = $1)`,
      [user.username],
    );
    expect(row.token_hash).not.toContain(token);
    // Nor does the mail job that carried it (its template data is sealed), pending or archived.
    const jobs: { data: string }[] = await t.db.query(
      `SELECT data::text AS data FROM pgboss.job WHERE name = 'platform.mail'
       UNION ALL SELECT data::text FROM pgboss.archive WHERE name = 'platform.mail'`,
    );
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.filter((job) => job.data.includes(token))).toEqual([]);
    expect(row.ttl).toBeGreaterThanOrEqual(1795);
    expect(row.ttl).toBeLessThanOrEqual(1800);
  });

  it('refuses bad input and an unknown token without writing anything', async () => {
    expect((await http(t, null, 'POST', '/api/v1/auth/password-reset', { body: {} })).status).toBe(400);
    expect((await confirm('x'.repeat(43), 'short')).status).toBe(400);
    const unknown = await confirm('x'.repeat(43));
    expect(unknown.status).toBe(400);
    expect(unknown.body.slug).toBe('password-reset-token-invalid');
  });

  it('throttles requests per name and client IP, whether or not the account exists', async () => {
    const name = unique('ghost');
    const ask = () => http(t, null, 'POST', '/api/v1/auth/password-reset', { body: { usernameOrEmail: name } });
    for (let i = 0; i < 5; i++) expect((await ask()).status).toBe(202);
    const locked = await ask();
    expect(locked.status).toBe(429);
    expect(locked.body.slug).toBe('login-locked');
    await drain();
  });
});
