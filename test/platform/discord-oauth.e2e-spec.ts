import { createHash } from 'node:crypto';
import { unwrap } from '@quartermaster/sdk';
import { FakeDiscord, FakeDiscordUser, snowflake, startFakeDiscord } from '../support/fake-discord';
import { problemOf, registerUser, startTestApp, TestApp, TestUser, unique } from '../support/test-app';

const PUBLIC_URL = 'http://localhost:3000';
const REDIRECT_URI = `${PUBLIC_URL}/api/v1/auth/discord/callback`;

describe('Discord OAuth (e2e)', () => {
  let fake: FakeDiscord;
  let t: TestApp;
  beforeAll(async () => {
    fake = await startFakeDiscord({ clientId: 'cid', clientSecret: 'secret', redirectUri: REDIRECT_URI });
    t = await startTestApp({
      DISCORD_CLIENT_ID: 'cid',
      DISCORD_CLIENT_SECRET: 'secret',
      DISCORD_BASE_URL: fake.url,
      PUBLIC_URL,
    });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });
  afterEach(() => {
    fake.mode = 'up';
  });

  const discordUser = (prefix = 'dc', globalName: string | null = 'Global Name'): FakeDiscordUser => ({
    id: snowflake(),
    username: unique(prefix),
    global_name: globalName,
  });

  /** Starts a login the way a browser does and returns the authorize URL the app redirected to. */
  async function startLogin(): Promise<URL> {
    const res = await fetch(`${t.baseUrl}/api/v1/auth/discord`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  const stateOf = (authorizeUrl: URL | string) => new URL(authorizeUrl).searchParams.get('state')!;
  /** The browser that started the flow carries the state cookie back to the callback. */
  const callback = (code: string, state: string, browserState: string | null = state) =>
    t.anonymous.GET('/api/v1/auth/discord/callback', {
      params: { query: { code, state } },
      ...(browserState ? { headers: { Cookie: `qm_discord_state=${browserState}` } } : {}),
    });

  /** The whole login: redirect, Discord says yes for `user`, callback returns tokens. */
  async function loginAs(user: FakeDiscordUser) {
    const state = stateOf(await startLogin());
    return unwrap(callback(fake.code(user), state));
  }

  async function startLink(user: TestUser): Promise<string> {
    const { authorizeUrl } = await unwrap(user.api.POST('/api/v1/me/discord/link'));
    return stateOf(authorizeUrl);
  }

  describe('state bound to the browser', () => {
    it('sets the state in an HttpOnly cookie when the flow starts, for login and for linking', async () => {
      const res = await fetch(`${t.baseUrl}/api/v1/auth/discord`, { redirect: 'manual' });
      const state = stateOf(res.headers.get('location')!);
      expect(res.headers.get('set-cookie')).toMatch(
        new RegExp(`^qm_discord_state=${state}; Max-Age=600; Path=/api/v1/auth/discord; HttpOnly; SameSite=Lax`),
      );
      const user = await registerUser(t, 'cookie');
      const { data, response } = await user.api.POST('/api/v1/me/discord/link');
      expect(response.headers.get('set-cookie')).toContain(`qm_discord_state=${stateOf(data!.authorizeUrl)}`);
    });

    it("refuses a callback from a browser without the cookie, or with another flow's, and keeps the state usable", async () => {
      const state = stateOf(await startLogin());
      const other = stateOf(await startLogin());
      const dc = discordUser();
      const missing = await problemOf(callback(fake.code(dc), state, null));
      expect(missing.status).toBe(400);
      expect(missing.body.type).toMatch(/oauth-state-mismatch$/);
      const crossed = await problemOf(callback(fake.code(dc), state, other));
      expect(crossed.body.type).toMatch(/oauth-state-mismatch$/);
      await unwrap(callback(fake.code(dc), state));
    });
  });

  describe('login', () => {
    it('redirects to Discord with state, client_id and redirect_uri', async () => {
      const url = await startLogin();
      expect(url.origin).toBe(fake.url);
      expect(url.pathname).toBe('/oauth2/authorize');
      expect(url.searchParams.get('client_id')).toBe('cid');
      expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
      expect(url.searchParams.get('response_type')).toBe('code');
      expect(url.searchParams.get('scope')).toBe('identify');
      expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{32,}$/);
      expect(url.searchParams.has('client_secret')).toBe(false);
      // Every start gets its own state.
      expect(stateOf(await startLogin())).not.toBe(url.searchParams.get('state'));
    });

    it('creates the account on first login, and logs the same user in the second time', async () => {
      const dc = discordUser('Fancy.Name');
      const tokens = await loginAs(dc);
      expect(tokens).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        tokenType: 'Bearer',
      });
      const me = await unwrap(t.as(tokens.accessToken).GET('/api/v1/me'));
      expect(me).toMatchObject({
        discordId: dc.id,
        discordUsername: dc.username,
        displayName: 'Global Name',
        hasPassword: false,
        username: dc.username.toLowerCase(),
      });

      const exchange = fake.tokenRequests.at(-1)!;
      expect(exchange).toMatchObject({
        grant_type: 'authorization_code',
        client_id: 'cid',
        client_secret: 'secret',
        redirect_uri: REDIRECT_URI,
      });

      const again = await loginAs(dc);
      const meAgain = await unwrap(t.as(again.accessToken).GET('/api/v1/me'));
      expect(meAgain.id).toBe(me.id);
      // The refresh token of a Discord login works like any other.
      await unwrap(t.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: again.refreshToken } }));
    });

    it('gives a second Discord user with the same name a different account and username', async () => {
      const name = unique('same');
      const first = await unwrap(
        t.as((await loginAs({ id: snowflake(), username: name })).accessToken).GET('/api/v1/me'),
      );
      const second = await unwrap(
        t.as((await loginAs({ id: snowflake(), username: name })).accessToken).GET('/api/v1/me'),
      );
      expect(second.id).not.toBe(first.id);
      expect(second.username).not.toBe(first.username);
      expect(second.username.startsWith(name)).toBe(true);
    });

    it('does not take over a password account that has the Discord username as its username', async () => {
      const local = await registerUser(t, 'clash');
      const dcTokens = await loginAs({ id: snowflake(), username: local.username });
      const dcMe = await unwrap(t.as(dcTokens.accessToken).GET('/api/v1/me'));
      expect(dcMe.id).not.toBe(local.id);
      expect((await unwrap(local.api.GET('/api/v1/me'))).discordId).toBeNull();
    });

    it('refuses a reused state (400 oauth-state-invalid)', async () => {
      const dc = discordUser();
      const state = stateOf(await startLogin());
      await unwrap(callback(fake.code(dc), state));
      const reuse = await problemOf(callback(fake.code(dc), state));
      expect(reuse.status).toBe(400);
      expect(reuse.body.type).toMatch(/oauth-state-invalid$/);
    });

    it('refuses a made-up state without calling Discord', async () => {
      const before = fake.tokenRequests.length;
      const res = await problemOf(callback(fake.code(discordUser()), 'made-up-state-value'));
      expect(res.status).toBe(400);
      expect(res.body.type).toMatch(/oauth-state-invalid$/);
      expect(fake.tokenRequests.length).toBe(before);
    });

    it('refuses an expired state', async () => {
      const state = stateOf(await startLogin());
      const hash = createHash('sha256').update(state).digest('hex');
      await t.db.query(`UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE state_hash = $1`, [
        hash,
      ]);
      const res = await problemOf(callback(fake.code(discordUser()), state));
      expect(res.status).toBe(400);
      expect(res.body.type).toMatch(/oauth-state-invalid$/);
    });

    it('answers 400 when Discord refuses the code, and the state is spent', async () => {
      const state = stateOf(await startLogin());
      const res = await problemOf(callback('not-a-code-discord-issued', state));
      expect(res.status).toBe(400);
      expect(res.body.type).toMatch(/discord-code-rejected$/);
      const retry = await problemOf(callback(fake.code(discordUser()), state));
      expect(retry.status).toBe(400);
      expect(retry.body.type).toMatch(/oauth-state-invalid$/);
    });

    it('answers 400 for a code that was already exchanged', async () => {
      const code = fake.code(discordUser());
      await unwrap(callback(code, stateOf(await startLogin())));
      const res = await problemOf(callback(code, stateOf(await startLogin())));
      expect(res.status).toBe(400);
      expect(res.body.type).toMatch(/discord-code-rejected$/);
    });

    it('answers 502 when Discord is unreachable or failing, and creates no account', async () => {
      const dc = discordUser();
      fake.mode = 'down';
      const down = await problemOf(callback(fake.code(dc), stateOf(await startLogin())));
      expect(down.status).toBe(502);
      expect(down.body.type).toMatch(/discord-unreachable$/);
      fake.mode = 'error';
      const failing = await problemOf(callback(fake.code(dc), stateOf(await startLogin())));
      expect(failing.status).toBe(502);
      fake.mode = 'up';
      const rows = await t.db.query('SELECT 1 FROM users WHERE discord_id = $1', [dc.id]);
      expect(rows).toHaveLength(0);
    });

    it('answers 502 when Discord returns a malformed user id', async () => {
      const res = await problemOf(
        callback(fake.code({ id: 'not-a-snowflake', username: unique('odd') }), stateOf(await startLogin())),
      );
      expect(res.status).toBe(502);
    });

    it('validates the callback query', async () => {
      const state = stateOf(await startLogin());
      const missingCode = await fetch(`${t.baseUrl}/api/v1/auth/discord/callback?state=${encodeURIComponent(state)}`);
      expect(missingCode.status).toBe(400);
      expect(((await missingCode.json()) as { errors: { path: string }[] }).errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'code' })]),
      );
      const missingState = await fetch(`${t.baseUrl}/api/v1/auth/discord/callback?code=abc`);
      expect(missingState.status).toBe(400);
      const extra = await fetch(
        `${t.baseUrl}/api/v1/auth/discord/callback?code=abc&state=${encodeURIComponent(state)}&userId=x`,
      );
      expect(extra.status).toBe(400);
      // The state survived the malformed calls.
      await unwrap(callback(fake.code(discordUser()), state));
    });

    it('refuses a disabled Discord user', async () => {
      const dc = discordUser();
      const me = await unwrap(t.as((await loginAs(dc)).accessToken).GET('/api/v1/me'));
      await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [me.id]);
      const state = stateOf(await startLogin());
      const res = await problemOf(callback(fake.code(dc), state));
      expect(res.status).toBe(401);
    });
  });

  describe('linking', () => {
    it('links Discord to the logged-in user; Discord login then reaches that user', async () => {
      const user = await registerUser(t);
      const dc = discordUser();
      const state = await startLink(user);
      const tokens = await unwrap(callback(fake.code(dc), state));
      expect((await unwrap(t.as(tokens.accessToken).GET('/api/v1/me'))).id).toBe(user.id);
      expect(await unwrap(user.api.GET('/api/v1/me'))).toMatchObject({
        discordId: dc.id,
        discordUsername: dc.username,
        hasPassword: true,
      });

      const viaDiscord = await loginAs(dc);
      expect((await unwrap(t.as(viaDiscord.accessToken).GET('/api/v1/me'))).id).toBe(user.id);
      // The password still works too.
      await unwrap(
        t.anonymous.POST('/api/v1/auth/login', { body: { username: user.username, password: user.password } }),
      );
    });

    it('returns an authorize URL on the configured Discord with a fresh state', async () => {
      const user = await registerUser(t);
      const { authorizeUrl } = await unwrap(user.api.POST('/api/v1/me/discord/link'));
      const url = new URL(authorizeUrl);
      expect(url.origin).toBe(fake.url);
      expect(url.pathname).toBe('/oauth2/authorize');
      expect(url.searchParams.get('client_id')).toBe('cid');
      expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
      expect(url.searchParams.get('state')).toBeTruthy();
    });

    it('needs a login to start linking', async () => {
      expect((await problemOf(t.anonymous.POST('/api/v1/me/discord/link'))).status).toBe(401);
      expect((await problemOf(t.anonymous.DELETE('/api/v1/me/discord'))).status).toBe(401);
    });

    it('refuses a Discord id already linked to another user (409 discord-id-taken)', async () => {
      const alice = await registerUser(t, 'alice');
      const bob = await registerUser(t, 'bob');
      const dc = discordUser();
      await unwrap(callback(fake.code(dc), await startLink(alice)));
      const res = await problemOf(callback(fake.code(dc), await startLink(bob)));
      expect(res.status).toBe(409);
      expect(res.body.type).toMatch(/discord-id-taken$/);
      expect((await unwrap(bob.api.GET('/api/v1/me'))).discordId).toBeNull();
      expect((await unwrap(alice.api.GET('/api/v1/me'))).discordId).toBe(dc.id);
    });

    it('two users racing to link the same Discord id: exactly one wins, the other gets 409 discord-id-taken', async () => {
      const alice = await registerUser(t, 'alice');
      const bob = await registerUser(t, 'bob');
      const dc = discordUser();
      const [sa, sb] = await Promise.all([startLink(alice), startLink(bob)]);
      const results = await Promise.all([callback(fake.code(dc), sa), callback(fake.code(dc), sb)]);
      expect(results.map((r) => r.response.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.response.status === 409)!;
      expect((loser.error as { type: string }).type).toMatch(/discord-id-taken$/);
      const rows: { id: string }[] = await t.db.query('SELECT id FROM users WHERE discord_id = $1', [dc.id]);
      expect(rows).toHaveLength(1);
    });

    it('refuses a Discord id that belongs to a Discord-only account', async () => {
      const dc = discordUser();
      await loginAs(dc);
      const user = await registerUser(t);
      const res = await problemOf(callback(fake.code(dc), await startLink(user)));
      expect(res.status).toBe(409);
      expect(res.body.type).toMatch(/discord-id-taken$/);
    });

    it('relinking the same Discord id to the same user is fine', async () => {
      const user = await registerUser(t);
      const dc = discordUser();
      await unwrap(callback(fake.code(dc), await startLink(user)));
      await unwrap(callback(fake.code(dc), await startLink(user)));
      expect((await unwrap(user.api.GET('/api/v1/me'))).discordId).toBe(dc.id);
    });

    it('a link state is tied to the user who started it', async () => {
      const alice = await registerUser(t, 'alice');
      const dc = discordUser();
      const state = await startLink(alice);
      // Anyone completing the callback with Alice's state links to Alice, never to themselves,
      // and the tokens returned are Alice's (who started the flow).
      const tokens = await unwrap(callback(fake.code(dc), state));
      expect((await unwrap(t.as(tokens.accessToken).GET('/api/v1/me'))).id).toBe(alice.id);
      const reuse = await problemOf(callback(fake.code(discordUser()), state));
      expect(reuse.status).toBe(400);
      expect((await unwrap(alice.api.GET('/api/v1/me'))).discordId).toBe(dc.id);
    });

    it('refuses to complete a link for a user disabled meanwhile', async () => {
      const user = await registerUser(t);
      const state = await startLink(user);
      await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);
      const res = await problemOf(callback(fake.code(discordUser()), state));
      expect(res.status).toBe(401);
    });

    it('unlinks with 204; afterwards Discord login creates a separate account', async () => {
      const user = await registerUser(t);
      const dc = discordUser();
      await unwrap(callback(fake.code(dc), await startLink(user)));
      expect((await user.api.DELETE('/api/v1/me/discord')).response.status).toBe(204);
      expect(await unwrap(user.api.GET('/api/v1/me'))).toMatchObject({ discordId: null, discordUsername: null });
      const other = await unwrap(t.as((await loginAs(dc)).accessToken).GET('/api/v1/me'));
      expect(other.id).not.toBe(user.id);
    });

    it('refuses to unlink a Discord-only account (409) until it has a password', async () => {
      const dc = discordUser();
      const tokens = await loginAs(dc);
      const api = t.as(tokens.accessToken);
      const res = await problemOf(api.DELETE('/api/v1/me/discord'));
      expect(res.status).toBe(409);
      expect(res.body.type).toMatch(/would-lock-out$/);
      expect((await unwrap(api.GET('/api/v1/me'))).discordId).toBe(dc.id);

      // A Discord-only account sets its first password without a current one, then may unlink.
      const me = await unwrap(api.PATCH('/api/v1/me', { body: { newPassword: 'first-password-ever' } }));
      expect(me.hasPassword).toBe(true);
      await unwrap(
        t.anonymous.POST('/api/v1/auth/login', { body: { username: me.username, password: 'first-password-ever' } }),
      );
      expect((await api.DELETE('/api/v1/me/discord')).response.status).toBe(204);
      expect((await unwrap(api.GET('/api/v1/me'))).discordId).toBeNull();
    });
  });
});

describe('Discord OAuth not configured (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 503 to login and link', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/auth/discord`, { redirect: 'manual' });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { type: string }).type).toMatch(/discord-not-configured$/);
    const user = await registerUser(t);
    const link = await problemOf(user.api.POST('/api/v1/me/discord/link'));
    expect(link.status).toBe(503);
  });

  it('refuses a callback (no state was ever issued)', async () => {
    const res = await problemOf(
      t.anonymous.GET('/api/v1/auth/discord/callback', { params: { query: { code: 'abc', state: 'def' } } }),
    );
    expect(res.status).toBe(400);
  });
});
