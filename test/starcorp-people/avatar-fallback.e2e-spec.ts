import { unwrap } from '@quartermaster/sdk';
import { startAppWith } from '../support/app-with';
import { FakeDiscord, FakeDiscordUser, snowflake, startFakeDiscord } from '../support/fake-discord';
import { PNG } from '../support/sample-files';
import { TestApp, TestUser, unique } from '../support/test-app';
import { createPeopleOrg, PeopleOrg } from './people-kit';

const PUBLIC_URL = 'http://localhost:3000';
const REDIRECT_URI = `${PUBLIC_URL}/api/v1/auth/discord/callback`;
const HASH = '8342729096ea3675442027381ff50dfe';
const ANIMATED = 'a_1269e74af4df7417b13759eae50c83dc';

describe('starcorp member avatar fallback: upload > Discord > default (e2e)', () => {
  let fake: FakeDiscord;
  let t: TestApp;
  let p: PeopleOrg;
  beforeAll(async () => {
    fake = await startFakeDiscord({ clientId: 'cid', clientSecret: 'secret', redirectUri: REDIRECT_URI });
    ({ t, g: p } = await startAppWith(createPeopleOrg, {
      DISCORD_CLIENT_ID: 'cid',
      DISCORD_CLIENT_SECRET: 'secret',
      DISCORD_BASE_URL: fake.url,
      PUBLIC_URL,
    }));
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const stateOf = (authorizeUrl: string) => new URL(authorizeUrl).searchParams.get('state')!;
  const callback = (code: string, state: string) =>
    unwrap(
      t.anonymous.GET('/api/v1/auth/discord/callback', {
        params: { query: { code, state } },
        headers: { Cookie: `qm_discord_state=${state}` },
      }),
    );

  /** The member links their account to this Discord user (the browser flow, Discord says yes). */
  async function link(user: TestUser, discordUser: FakeDiscordUser): Promise<void> {
    const { authorizeUrl } = await unwrap(user.api.POST('/api/v1/me/discord/link'));
    await callback(fake.code(discordUser), stateOf(authorizeUrl));
  }

  /** A login through Discord as this Discord user. */
  async function login(discordUser: FakeDiscordUser): Promise<void> {
    const res = await fetch(`${t.baseUrl}/api/v1/auth/discord`, { redirect: 'manual' });
    await callback(fake.code(discordUser), stateOf(res.headers.get('location')!));
  }

  const detail = (userId: string) => p.ok(p.org.at('readonly'), 'GET', `/members/${userId}`);
  const listed = async (user: TestUser) =>
    (await p.ok(p.org.at('readonly'), 'GET', '/members', { query: { search: user.username } })).items.find(
      (m: { userId: string }) => m.userId === user.id,
    );
  const avatarOf = async (user: TestUser) => {
    const [one, inList] = await Promise.all([detail(user.id), listed(user)]);
    expect(inList.avatarUrl).toBe(one.avatarUrl);
    expect(inList.avatarSource).toBe(one.avatarSource);
    return { avatarUrl: one.avatarUrl, avatarSource: one.avatarSource };
  };

  it('has no avatar without an upload or a Discord link', async () => {
    expect(await avatarOf(p.org.at('officer'))).toEqual({ avatarUrl: null, avatarSource: null });
  });

  it("shows the Discord avatar kept at link and refreshed at each login, else Discord's default", async () => {
    const member = p.org.at('member');
    const discordUser: FakeDiscordUser = { id: snowflake(), username: unique('dcav'), avatar: HASH };
    await link(member, discordUser);
    expect(await avatarOf(member)).toEqual({
      avatarUrl: `https://cdn.discordapp.com/avatars/${discordUser.id}/${HASH}.png`,
      avatarSource: 'discord',
    });

    await login({ ...discordUser, avatar: ANIMATED });
    expect(await avatarOf(member)).toEqual({
      avatarUrl: `https://cdn.discordapp.com/avatars/${discordUser.id}/${ANIMATED}.gif`,
      avatarSource: 'discord',
    });

    await login({ ...discordUser, avatar: null });
    const index = (BigInt(discordUser.id) >> 22n) % 6n;
    expect(await avatarOf(member)).toEqual({
      avatarUrl: `https://cdn.discordapp.com/embed/avatars/${index}.png`,
      avatarSource: 'default',
    });
  });

  it('prefers the uploaded avatar, and falls back to Discord when it is removed', async () => {
    const member = p.org.at('trial');
    const discordUser: FakeDiscordUser = { id: snowflake(), username: unique('dcup'), avatar: HASH };
    await link(member, discordUser);
    // Trials cannot upload; a member can.
    const uploader = p.org.at('admin');
    const other: FakeDiscordUser = { id: snowflake(), username: unique('dcad'), avatar: HASH };
    await link(uploader, other);
    const res = await fetch(`${t.baseUrl}/api/v1/orgs/${p.org.slug}/starcorp/members/me/avatar`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${uploader.token}`, 'content-type': 'application/octet-stream' },
      body: PNG,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      avatarUrl: `/api/v1/orgs/${p.org.slug}/starcorp/members/${uploader.id}/avatar`,
      avatarSource: 'upload',
    });
    expect((await avatarOf(uploader)).avatarSource).toBe('upload');
    expect((await avatarOf(member)).avatarSource).toBe('discord');

    expect((await p.call(uploader, 'DELETE', '/members/me/avatar')).status).toBe(204);
    expect(await avatarOf(uploader)).toEqual({
      avatarUrl: `https://cdn.discordapp.com/avatars/${other.id}/${HASH}.png`,
      avatarSource: 'discord',
    });
  });

  it('forgets the Discord avatar when the account is unlinked', async () => {
    const officer = p.org.at('officer');
    await link(officer, { id: snowflake(), username: unique('dcun'), avatar: HASH });
    expect((await avatarOf(officer)).avatarSource).toBe('discord');
    const { response } = await officer.api.DELETE('/api/v1/me/discord');
    expect(response.status).toBe(204);
    expect(await avatarOf(officer)).toEqual({ avatarUrl: null, avatarSource: null });
  });
});
