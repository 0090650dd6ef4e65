import { unwrap } from '@quartermaster/sdk';
import { problemOf, registerUser, startTestApp, TestApp } from '../support/test-app';

describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('registers, logs in and reads /me', async () => {
    const user = await registerUser(t);
    const tokens = await unwrap(t.anonymous.POST('/api/v1/auth/login', { body: { username: user.username, password: user.password } }));
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresIn).toBe(900);
    const me = await unwrap(t.as(tokens.accessToken).GET('/api/v1/me'));
    expect(me.username).toBe(user.username);
  });

  it('revokes the whole family when a rotated refresh token is reused', async () => {
    const user = await registerUser(t);
    const first = await unwrap(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }));
    const reuse = await problemOf(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }));
    expect(reuse.status).toBe(401);
    expect(reuse.body.type).toMatch(/refresh-token-reused$/);
    const afterReuse = await problemOf(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } }));
    expect(afterReuse.status).toBe(401);
  });
});
