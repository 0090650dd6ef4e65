import type { QuartermasterClient } from '@quartermaster/sdk';
import { planRoleSync, rosterSync } from '../../clients/discord-bot/src/commands/roster';
import type { CommandContext } from '../../clients/discord-bot/src/types';
import { FakeGuild } from './fake-guild';

const RAIDER = '900000000000000001';
const OFFICER = '900000000000000002';
const MEMBER = '900000000000000003';
const BOOSTER = '900000000000000099'; // not managed by the app

describe('planRoleSync', () => {
  const roster = {
    managedRoleIds: [RAIDER, OFFICER, MEMBER],
    members: [
      { discordId: '1001', roleIds: [MEMBER, RAIDER] },
      { discordId: '1002', roleIds: [MEMBER, OFFICER] },
      { discordId: '1003', roleIds: [MEMBER] },
      { discordId: '1004', roleIds: [MEMBER] },
    ],
  };

  it('adds missing roles, removes managed roles that should go, and leaves unmanaged roles alone', () => {
    const plan = planRoleSync(roster, [
      { discordId: '1001', roleIds: [BOOSTER] },
      { discordId: '1002', roleIds: [MEMBER, RAIDER, OFFICER] },
      { discordId: '1003', roleIds: [MEMBER, BOOSTER] },
      { discordId: '2000', roleIds: [OFFICER, BOOSTER] }, // left the guild in the app
      { discordId: '2001', roleIds: [BOOSTER] },
    ]);
    expect(plan.changes).toEqual([
      { discordId: '1001', add: [MEMBER, RAIDER].sort(), remove: [] },
      { discordId: '1002', add: [], remove: [RAIDER] },
      { discordId: '2000', add: [], remove: [OFFICER] },
    ]);
    expect(plan.unchanged).toBe(1);
    expect(plan.notInGuild.map((m) => m.discordId)).toEqual(['1004']);
  });

  it('treats every desired role as managed even when the roster omits the list', () => {
    const plan = planRoleSync({ managedRoleIds: [], members: [{ discordId: '1', roleIds: [RAIDER] }] }, [
      { discordId: '2', roleIds: [RAIDER, BOOSTER] },
    ]);
    expect(plan.changes).toEqual([{ discordId: '2', add: [], remove: [RAIDER] }]);
  });
});

describe('/roster sync with a fake API and a fake guild', () => {
  function fakeApi(roster: unknown) {
    const posts: { path: string; body: { results: unknown[] }; key: string }[] = [];
    const json = (status: number, body: unknown) => ({
      data: status < 400 ? body : undefined,
      error: status >= 400 ? body : undefined,
      response: new Response(JSON.stringify(body), { status }),
    });
    const api = {
      GET: async (path: string) =>
        path.endsWith('/discord/roster')
          ? json(200, roster)
          : json(404, { type: 'not-found', title: 'Not Found', status: 404 }),
      POST: async (
        path: string,
        init: { body: { results: unknown[] }; params: { header: Record<string, string> } },
      ) => {
        posts.push({ path, body: init.body, key: init.params.header['Idempotency-Key'] });
        return json(201, { recorded: init.body.results.length, failed: 0, unknownDiscordIds: [] });
      },
    };
    return { api: api as unknown as QuartermasterClient, posts };
  }
  const ctx = (api: QuartermasterClient, isOfficer = true): CommandContext => ({
    api,
    org: 'guild',
    poolId: 'p',
    invoker: { discordId: '1', displayName: 'Officer', isOfficer },
  });

  it('applies the plan through the adapter and reports it with an Idempotency-Key', async () => {
    const { api, posts } = fakeApi({
      managedRoleIds: [RAIDER, OFFICER, MEMBER],
      members: [
        { discordId: '1001', roles: [MEMBER, RAIDER] },
        { discordId: '1002', roles: [MEMBER] },
        { discordId: '1009', roles: [MEMBER] },
      ],
    });
    const guild = new FakeGuild([
      { discordId: '1001', roleIds: [BOOSTER] },
      { discordId: '1002', roleIds: [MEMBER, OFFICER] },
      { discordId: '3000', roleIds: [RAIDER] },
    ]);
    const reply = await rosterSync(ctx(api), guild);
    expect(guild.calls).toEqual([`+${RAIDER} 1001`, `+${MEMBER} 1001`, `-${OFFICER} 1002`, `-${RAIDER} 3000`]);
    expect(guild.members.map((m) => [m.discordId, [...m.roleIds].sort()])).toEqual([
      ['1001', [BOOSTER, MEMBER, RAIDER].sort()],
      ['1002', [MEMBER]],
      ['3000', []],
    ]);
    expect(posts).toHaveLength(1);
    expect(posts[0].path).toBe('/api/v1/orgs/{org}/dkp/discord/sync-roles');
    expect(posts[0].key).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[0].body.results).toEqual([
      { discordId: '1001', added: [RAIDER, MEMBER], removed: [], ok: true },
      { discordId: '1002', added: [], removed: [OFFICER], ok: true },
      { discordId: '3000', added: [], removed: [RAIDER], ok: true },
    ]);
    expect(reply.content).toBe('Roster sync done: +2 / -2 roles.');
    expect(reply.embeds![0].description).toContain('1 linked member is not in this Discord server.');

    // A second run finds nothing to change and reports nothing.
    const again = await rosterSync(ctx(api), guild);
    expect(guild.calls).toHaveLength(4);
    expect(posts).toHaveLength(1);
    expect(again.content).toBe('Roster sync done: +0 / -0 roles.');
  });

  it('reports what Discord refused and carries on with the others', async () => {
    const { api, posts } = fakeApi({
      managedRoleIds: [RAIDER, OFFICER],
      members: [
        { discordId: '1001', roles: [OFFICER, RAIDER] },
        { discordId: '1002', roles: [RAIDER] },
      ],
    });
    const guild = new FakeGuild(
      [
        { discordId: '1001', roleIds: [] },
        { discordId: '1002', roleIds: [] },
      ],
      [OFFICER],
    );
    const reply = await rosterSync(ctx(api), guild);
    expect(posts[0].body.results).toEqual([
      { discordId: '1001', added: [RAIDER], removed: [], ok: false, error: `add ${OFFICER}: Missing Permissions` },
      { discordId: '1002', added: [RAIDER], removed: [], ok: true },
    ]);
    expect(reply.content).toBe('Roster sync done: +2 / -0 roles, 1 failed.');
    expect(reply.embeds![0].description).toContain(`Failed for <@1001>: add ${OFFICER}: Missing Permissions`);
  });

  it('is for officers', async () => {
    const { api } = fakeApi({ members: [] });
    const guild = new FakeGuild([{ discordId: '1', roleIds: [RAIDER] }]);
    expect((await rosterSync(ctx(api, false), guild)).content).toBe('Only officers can sync Discord roles.');
    expect(guild.calls).toEqual([]);
  });
});
