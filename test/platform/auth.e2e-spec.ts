import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { unwrap } from '@quartermaster/sdk';
import { AppConfig } from '../../src/platform/config/app-config';
import { problemOf, registerUser, startTestApp, TestApp, unique } from '../support/test-app';

describe('auth (e2e)', () => {
  let t: TestApp;
  let jwt: JwtService;
  beforeAll(async () => {
    t = await startTestApp();
    jwt = new JwtService({ secret: t.app.get(AppConfig).jwtSecret });
  });
  afterAll(() => t.close());

  /** A raw request, for credentials the SDK would not send. */
  const rawGet = (path: string, headers: Record<string, string> = {}) => fetch(`${t.baseUrl}${path}`, { headers });

  describe('register', () => {
    it('returns a token pair', async () => {
      const username = unique('reg');
      const { data, response } = await t.anonymous.POST('/api/v1/auth/register', {
        body: { username, password: 'correct-horse-battery' },
      });
      expect(response.status).toBe(201);
      expect(data).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        tokenType: 'Bearer',
      });
      expect(data!.accessToken.split('.')).toHaveLength(3);
      expect(data!.refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/);
      const me = await unwrap(t.as(data!.accessToken).GET('/api/v1/me'));
      expect(me).toMatchObject({ username, email: null, hasPassword: true, isPlatformAdmin: false, discordId: null });
    });

    it('stores the username lower-case', async () => {
      const username = unique('MiXeD');
      const tokens = await unwrap(
        t.anonymous.POST('/api/v1/auth/register', { body: { username, password: 'correct-horse-battery' } }),
      );
      const me = await unwrap(t.as(tokens.accessToken).GET('/api/v1/me'));
      expect(me.username).toBe(username.toLowerCase());
    });

    it('refuses a taken username with 409, case-insensitively', async () => {
      const user = await registerUser(t);
      const again = await problemOf(
        t.anonymous.POST('/api/v1/auth/register', {
          body: { username: user.username.toUpperCase(), password: 'another-long-password' },
        }),
      );
      expect(again.status).toBe(409);
      expect(again.body.type).toMatch(/username-taken$/);
    });

    it('refuses a taken email with 409', async () => {
      const email = `${unique('mail')}@example.com`;
      await unwrap(
        t.anonymous.POST('/api/v1/auth/register', {
          body: { username: unique('a'), email, password: 'correct-horse-battery' },
        }),
      );
      const again = await problemOf(
        t.anonymous.POST('/api/v1/auth/register', {
          body: { username: unique('b'), email: email.toUpperCase(), password: 'correct-horse-battery' },
        }),
      );
      expect(again.status).toBe(409);
      expect(again.body.type).toMatch(/email-taken$/);
    });

    it('rejects unknown fields with 400 and errors[].path', async () => {
      const res = await problemOf(
        t.anonymous.POST('/api/v1/auth/register', {
          body: { username: unique('x'), password: 'correct-horse-battery', isPlatformAdmin: true } as never,
        }),
      );
      expect(res.status).toBe(400);
      expect(res.body.type).toMatch(/validation$/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'isPlatformAdmin' })]));
    });

    it('validates username, password and email with field paths', async () => {
      const res = await problemOf(
        t.anonymous.POST('/api/v1/auth/register', {
          body: { username: 'a b', email: 'not-an-email', password: 'short' },
        }),
      );
      expect(res.status).toBe(400);
      const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['username', 'email', 'password']));
    });

    it('rejects a body that is not an object', async () => {
      const res = await fetch(`${t.baseUrl}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '[1,2]',
      });
      expect(res.status).toBe(400);
      const broken = await fetch(`${t.baseUrl}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username":',
      });
      expect(broken.status).toBe(400);
    });
  });

  describe('login', () => {
    it('accepts the username in any case', async () => {
      const user = await registerUser(t);
      const tokens = await unwrap(
        t.anonymous.POST('/api/v1/auth/login', {
          body: { username: user.username.toUpperCase(), password: user.password },
        }),
      );
      expect(tokens.tokenType).toBe('Bearer');
      expect(tokens.expiresIn).toBe(900);
      const me = await unwrap(t.as(tokens.accessToken).GET('/api/v1/me'));
      expect(me.username).toBe(user.username);
    });

    it('accepts the email in any case', async () => {
      const username = unique('mailer');
      const email = `${unique('Login')}@Example.COM`;
      await unwrap(
        t.anonymous.POST('/api/v1/auth/register', { body: { username, email, password: 'correct-horse-battery' } }),
      );
      const tokens = await unwrap(
        t.anonymous.POST('/api/v1/auth/login', {
          body: { username: email.toUpperCase(), password: 'correct-horse-battery' },
        }),
      );
      const me = await unwrap(t.as(tokens.accessToken).GET('/api/v1/me'));
      expect(me.username).toBe(username);
      expect(me.email).toBe(email.toLowerCase());
    });

    it('answers a wrong password and an unknown user the same way (401, no hint)', async () => {
      const user = await registerUser(t);
      const wrongPassword = await problemOf(
        t.anonymous.POST('/api/v1/auth/login', { body: { username: user.username, password: 'wrong-password-here' } }),
      );
      const unknownUser = await problemOf(
        t.anonymous.POST('/api/v1/auth/login', { body: { username: unique('ghost'), password: user.password } }),
      );
      const unknownEmail = await problemOf(
        t.anonymous.POST('/api/v1/auth/login', {
          body: { username: `${unique('ghost')}@example.com`, password: user.password },
        }),
      );
      for (const res of [wrongPassword, unknownUser, unknownEmail]) {
        expect(res.status).toBe(401);
        expect(res.body.type).toMatch(/invalid-credentials$/);
      }
      const strip = (b: Record<string, unknown>) => ({ type: b.type, title: b.title, detail: b.detail });
      expect(strip(wrongPassword.body)).toEqual(strip(unknownUser.body));
      expect(strip(unknownEmail.body)).toEqual(strip(unknownUser.body));
    });

    it('validates the body', async () => {
      const res = await problemOf(
        t.anonymous.POST('/api/v1/auth/login', { body: { username: '', password: 'x', remember: true } as never }),
      );
      expect(res.status).toBe(400);
      const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['username', 'remember']));
    });
  });

  describe('refresh', () => {
    it('rotates: the new pair works, the old refresh token is then refused', async () => {
      const user = await registerUser(t);
      const next = await unwrap(
        t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }),
      );
      expect(next).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        tokenType: 'Bearer',
      });
      expect(next.refreshToken).not.toBe(user.refreshToken);
      expect((await unwrap(t.as(next.accessToken).GET('/api/v1/me'))).id).toBe(user.id);
      // The new one can be rotated again, once.
      const third = await unwrap(
        t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: next.refreshToken } }),
      );
      expect(third.refreshToken).not.toBe(next.refreshToken);
    });

    it('revokes the whole family when a rotated refresh token is reused', async () => {
      const user = await registerUser(t);
      const first = await unwrap(
        t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }),
      );
      const reuse = await problemOf(
        t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }),
      );
      expect(reuse.status).toBe(401);
      expect(reuse.body.type).toMatch(/refresh-token-reused$/);
      const afterReuse = await problemOf(
        t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } }),
      );
      expect(afterReuse.status).toBe(401);
    });

    it('does not touch other sessions of the same user when one family is revoked', async () => {
      const user = await registerUser(t);
      const other = await unwrap(
        t.anonymous.POST('/api/v1/auth/login', { body: { username: user.username, password: user.password } }),
      );
      await unwrap(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }));
      await problemOf(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }));
      await unwrap(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: other.refreshToken } }));
    });

    it('lets exactly one of two concurrent refreshes with the same token succeed', async () => {
      const user = await registerUser(t);
      const results = await Promise.all(
        [0, 1].map(() => t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } })),
      );
      const statuses = results.map((r) => r.response.status).sort();
      expect(statuses).toEqual([200, 401]);
    });

    it('refuses garbage, a wrong secret for a real id, and an access token', async () => {
      const user = await registerUser(t);
      const [id] = user.refreshToken.split('.');
      for (const refreshToken of ['garbage', `${randomUUID()}.abc`, `${id}.not-the-secret`, `${id}`]) {
        const res = await problemOf(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken } }));
        expect(res.status).toBe(401);
      }
      // An access token is no refresh token (too long for the DTO, or refused as unknown).
      expect([400, 401]).toContain(
        (await problemOf(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.token } }))).status,
      );
      // A guessed secret must not have burnt the real token.
      await unwrap(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }));
    });

    it('refuses an expired refresh token', async () => {
      const user = await registerUser(t);
      const [id] = user.refreshToken.split('.');
      await t.db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
      const res = await problemOf(
        t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }),
      );
      expect(res.status).toBe(401);
    });

    it('rejects a missing refresh token with 400', async () => {
      const res = await problemOf(t.anonymous.POST('/api/v1/auth/refresh', { body: {} as never }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'refreshToken' })]));
    });
  });

  describe('logout', () => {
    it('revokes the family and is idempotent', async () => {
      const user = await registerUser(t);
      const rotated = await unwrap(
        t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }),
      );
      const first = await t.anonymous.POST('/api/v1/auth/logout', { body: { refreshToken: rotated.refreshToken } });
      expect(first.response.status).toBe(204);
      const second = await t.anonymous.POST('/api/v1/auth/logout', { body: { refreshToken: rotated.refreshToken } });
      expect(second.response.status).toBe(204);
      const after = await problemOf(
        t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: rotated.refreshToken } }),
      );
      expect(after.status).toBe(401);
    });

    it('answers 204 for an unknown token', async () => {
      const res = await t.anonymous.POST('/api/v1/auth/logout', { body: { refreshToken: `${randomUUID()}.whatever` } });
      expect(res.response.status).toBe(204);
    });

    it('with a wrong secret does not log the real session out', async () => {
      const user = await registerUser(t);
      const [id] = user.refreshToken.split('.');
      expect(
        (await t.anonymous.POST('/api/v1/auth/logout', { body: { refreshToken: `${id}.forged` } })).response.status,
      ).toBe(204);
      await unwrap(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }));
    });
  });

  describe('access tokens', () => {
    it('refuses a request without a credential', async () => {
      const res = await problemOf(t.anonymous.GET('/api/v1/me'));
      expect(res.status).toBe(401);
    });

    it('refuses an expired access token with token-expired', async () => {
      const user = await registerUser(t);
      const expired = await jwt.signAsync({ sub: user.id, typ: 'access', exp: Math.floor(Date.now() / 1000) - 60 });
      const res = await problemOf(t.as(expired).GET('/api/v1/me'));
      expect(res.status).toBe(401);
      expect(res.body.type).toMatch(/token-expired$/);
    });

    it('accepts a self-signed valid token (sanity check of the signing helper)', async () => {
      const user = await registerUser(t);
      // Access tokens name their session (`sid`, the refresh-token family); reuse the user's.
      const { sid } = JSON.parse(Buffer.from(user.token.split('.')[1], 'base64url').toString());
      const valid = await jwt.signAsync({ sub: user.id, typ: 'access', sid }, { expiresIn: 60 });
      expect((await unwrap(t.as(valid).GET('/api/v1/me'))).id).toBe(user.id);
    });

    it('refuses garbage, forged, wrong-type and wrong-algorithm tokens', async () => {
      const user = await registerUser(t);
      const forged = await new JwtService({ secret: 'x'.repeat(40) }).signAsync(
        { sub: user.id, typ: 'access' },
        { expiresIn: 60 },
      );
      const wrongType = await jwt.signAsync({ sub: user.id, typ: 'refresh' }, { expiresIn: 60 });
      const noSub = await jwt.signAsync({ typ: 'access' }, { expiresIn: 60 });
      const hs512 = await jwt.signAsync({ sub: user.id, typ: 'access' }, { expiresIn: 60, algorithm: 'HS512' });
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: user.id, typ: 'access', exp: Math.floor(Date.now() / 1000) + 60 })}.`;
      const [h, p] = user.token.split('.');
      const tampered = `${h}.${b64({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: randomUUID() })}.${user.token.split('.')[2]}`;
      for (const token of ['garbage', 'a.b.c', forged, wrongType, noSub, hs512, algNone, tampered]) {
        const res = await problemOf(t.as(token).GET('/api/v1/me'));
        expect(res.status).toBe(401);
        expect(res.body.type).not.toMatch(/token-expired$/);
      }
    });

    it('refuses a valid token for a user that does not exist', async () => {
      const token = await jwt.signAsync({ sub: randomUUID(), typ: 'access' }, { expiresIn: 60 });
      expect((await problemOf(t.as(token).GET('/api/v1/me'))).status).toBe(401);
    });

    it('refuses other authorization schemes', async () => {
      const user = await registerUser(t);
      for (const authorization of [`Basic ${user.token}`, user.token, 'Bearer', 'Bearer ']) {
        const res = await rawGet('/api/v1/me', { authorization });
        expect(res.status).toBe(401);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      }
    });

    it('refuses a disabled user with a still-valid access token, and their refresh token', async () => {
      const user = await registerUser(t);
      await unwrap(user.api.GET('/api/v1/me'));
      await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);
      expect((await problemOf(user.api.GET('/api/v1/me'))).status).toBe(401);
      expect(
        (await problemOf(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } })))
          .status,
      ).toBe(401);
      const login = await problemOf(
        t.anonymous.POST('/api/v1/auth/login', { body: { username: user.username, password: user.password } }),
      );
      expect(login.status).toBe(401);
      expect(login.body.type).toMatch(/invalid-credentials$/);
      // Re-enabling does not resurrect the refresh family revoked while disabled.
      await t.db.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [user.id]);
      expect(
        (await problemOf(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } })))
          .status,
      ).toBe(401);
      // Nor its access tokens: they end with their session.
      expect((await problemOf(user.api.GET('/api/v1/me'))).body.type).toMatch(/session-ended$/);
    });
  });

  describe('PATCH /me', () => {
    it('changes displayName and email, and clears them with null', async () => {
      const user = await registerUser(t);
      const email = `${unique('Me')}@Example.com`;
      const updated = await unwrap(user.api.PATCH('/api/v1/me', { body: { displayName: 'Captain Kirk', email } }));
      expect(updated).toMatchObject({ id: user.id, displayName: 'Captain Kirk', email: email.toLowerCase() });
      expect(await unwrap(user.api.GET('/api/v1/me'))).toMatchObject({
        displayName: 'Captain Kirk',
        email: email.toLowerCase(),
      });
      await unwrap(t.anonymous.POST('/api/v1/auth/login', { body: { username: email, password: user.password } }));
      const cleared = await unwrap(user.api.PATCH('/api/v1/me', { body: { displayName: null, email: null } }));
      expect(cleared).toMatchObject({ displayName: null, email: null });
    });

    it('refuses an email taken by another user with 409', async () => {
      const email = `${unique('taken')}@example.com`;
      const a = await registerUser(t);
      const b = await registerUser(t);
      await unwrap(a.api.PATCH('/api/v1/me', { body: { email } }));
      const res = await problemOf(b.api.PATCH('/api/v1/me', { body: { email: email.toUpperCase() } }));
      expect(res.status).toBe(409);
      expect(res.body.type).toMatch(/email-taken$/);
    });

    it('rejects fields that are not editable', async () => {
      const user = await registerUser(t);
      for (const body of [
        { username: 'renamed' },
        { isPlatformAdmin: true },
        { discordId: '123456789012345678' },
        { disabledAt: null },
      ]) {
        const res = await problemOf(user.api.PATCH('/api/v1/me', { body: body as never }));
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ path: Object.keys(body)[0] })]),
        );
      }
      const me = await unwrap(user.api.GET('/api/v1/me'));
      expect(me).toMatchObject({ username: user.username, isPlatformAdmin: false, discordId: null });
    });

    it('needs the current password to change the password', async () => {
      const user = await registerUser(t);
      const newPassword = 'a-brand-new-password';
      const missing = await problemOf(user.api.PATCH('/api/v1/me', { body: { newPassword } }));
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
      const wrong = await problemOf(
        user.api.PATCH('/api/v1/me', { body: { newPassword, currentPassword: 'not-my-password' } }),
      );
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
      const tooShort = await problemOf(
        user.api.PATCH('/api/v1/me', { body: { newPassword: 'short', currentPassword: user.password } }),
      );
      expect(tooShort.status).toBe(400);
      expect(tooShort.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'newPassword' })]));
      // None of the refused attempts changed anything.
      await unwrap(
        t.anonymous.POST('/api/v1/auth/login', { body: { username: user.username, password: user.password } }),
      );

      await unwrap(user.api.PATCH('/api/v1/me', { body: { newPassword, currentPassword: user.password } }));
      await unwrap(
        t.anonymous.POST('/api/v1/auth/login', { body: { username: user.username, password: newPassword } }),
      );
      const old = await problemOf(
        t.anonymous.POST('/api/v1/auth/login', { body: { username: user.username, password: user.password } }),
      );
      expect(old.status).toBe(401);
    });

    it('refuses anonymous callers', async () => {
      expect((await problemOf(t.anonymous.PATCH('/api/v1/me', { body: { displayName: 'x' } }))).status).toBe(401);
    });
  });
});

describe('auth with registration disabled (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REGISTRATION_ENABLED: 'false' });
  });
  afterAll(() => t.close());

  it('refuses registration with 403', async () => {
    const res = await problemOf(
      t.anonymous.POST('/api/v1/auth/register', {
        body: { username: unique('closed'), password: 'correct-horse-battery' },
      }),
    );
    expect(res.status).toBe(403);
    expect(res.body.type).toMatch(/registration-closed$/);
  });

  it('still answers login (401 for unknown users, not 403)', async () => {
    const res = await problemOf(
      t.anonymous.POST('/api/v1/auth/login', {
        body: { username: unique('nobody'), password: 'correct-horse-battery' },
      }),
    );
    expect(res.status).toBe(401);
  });
});
