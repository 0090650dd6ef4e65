import { JwtService } from '@nestjs/jwt';
import { unwrap } from '@quartermaster/sdk';
import { AppConfig } from '../../src/platform/config/app-config';
import { createOrg, problemOf, registerUser, startTestApp, TestApp } from '../support/test-app';

/** Access tokens end with their session (issue 9, item 7). */
describe('sessions and access tokens (e2e)', () => {
  let t: TestApp;
  let jwt: JwtService;
  beforeAll(async () => {
    t = await startTestApp();
    jwt = new JwtService({ secret: t.app.get(AppConfig).jwtSecret });
  });
  afterAll(() => t.close());

  const me = (token: string) => t.as(token).GET('/api/v1/me');
  const login = (username: string, password: string) =>
    unwrap(t.anonymous.POST('/api/v1/auth/login', { body: { username, password } }));
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

  it('logout ends the access tokens of that session at once, not those of other sessions', async () => {
    const user = await registerUser(t, 'logout');
    const other = await login(user.username, user.password);
    expect((await me(user.token)).response.status).toBe(200);
    await t.anonymous.POST('/api/v1/auth/logout', { body: { refreshToken: user.refreshToken } });
    const refused = await problemOf(me(user.token));
    expect(refused.status).toBe(401);
    expect(refused.body.type).toMatch(/session-ended$/);
    expect((await unwrap(me(other.accessToken))).id).toBe(user.id);
  });

  it('a refreshed token belongs to the same session: logout with the new refresh token ends the old access token too', async () => {
    const user = await registerUser(t, 'rotate');
    const rotated = await unwrap(
      t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }),
    );
    await t.anonymous.POST('/api/v1/auth/logout', { body: { refreshToken: rotated.refreshToken } });
    expect((await problemOf(me(user.token))).status).toBe(401);
    expect((await problemOf(me(rotated.accessToken))).status).toBe(401);
  });

  it('a password change ends every other session (access and refresh tokens); the changing one stays', async () => {
    const user = await registerUser(t, 'pwchange');
    const laptop = await login(user.username, user.password);
    const newPassword = 'a-brand-new-password';
    await unwrap(user.api.PATCH('/api/v1/me', { body: { newPassword, currentPassword: user.password } }));
    const refused = await problemOf(me(laptop.accessToken));
    expect(refused.status).toBe(401);
    expect(refused.body.type).toMatch(/session-ended$/);
    expect(
      (await problemOf(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: laptop.refreshToken } })))
        .status,
    ).toBe(401);
    // The session that changed the password goes on, and can refresh.
    expect((await unwrap(me(user.token))).id).toBe(user.id);
    const next = await unwrap(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }));
    expect((await unwrap(me(next.accessToken))).id).toBe(user.id);
  });

  it('refuses a token without exp, and one without a session', async () => {
    const user = await registerUser(t, 'noexp');
    const { sub, sid } = claimsOf(user.token);
    const noExp = await jwt.signAsync({ sub, typ: 'access', sid });
    expect(claimsOf(noExp).exp).toBeUndefined();
    expect((await problemOf(me(noExp))).status).toBe(401);
    const noSession = await jwt.signAsync({ sub, typ: 'access' }, { expiresIn: 60 });
    expect((await problemOf(me(noSession))).status).toBe(401);
    const withBoth = await jwt.signAsync({ sub, typ: 'access', sid }, { expiresIn: 60 });
    expect((await unwrap(me(withBoth))).id).toBe(user.id);
  });

  it('lists the creator of each bot key', async () => {
    const owner = await registerUser(t, 'keyowner');
    const org = await createOrg(owner);
    const path = { params: { path: { org: org.slug } } };
    const created = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/bot-keys', { ...path, body: { name: 'Bot', scopes: ['members:read'] } }),
    );
    expect(created).toMatchObject({ createdByUserId: owner.id, createdByUsername: owner.username });
    const listed = await unwrap(owner.api.GET('/api/v1/orgs/{org}/bot-keys', path));
    expect(listed.items).toEqual([
      expect.objectContaining({ id: created.id, createdByUserId: owner.id, createdByUsername: owner.username }),
    ]);
  });
});
