import { startAppWith } from '../support/app-with';
import { MiB, PDF, PNG } from '../support/sample-files';
import { TestApp, TestUser } from '../support/test-app';
import { createPeopleOrg, PeopleOrg } from './people-kit';

describe('starcorp member avatars (e2e)', () => {
  let t: TestApp;
  let p: PeopleOrg;
  beforeAll(async () => ({ t, g: p } = await startAppWith(createPeopleOrg)));
  afterAll(() => t.close());

  const put = async (who: TestUser | { apiKey: string }, bytes: Buffer, slug = p.org.slug) => {
    const auth: Record<string, string> =
      'token' in who ? { authorization: `Bearer ${who.token}` } : { 'x-api-key': who.apiKey };
    const response = await fetch(`${t.baseUrl}/api/v1/orgs/${slug}/starcorp/members/me/avatar`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    return { status: response.status, body: (await response.json()) as { avatarUrl?: string } };
  };
  const get = (who: TestUser, userId: string) =>
    fetch(`${t.baseUrl}/api/v1/orgs/${p.org.slug}/starcorp/members/${userId}/avatar`, {
      headers: { authorization: `Bearer ${who.token}` },
    });

  it('a member uploads an image by content; the profile links it and anyone from readonly reads it', async () => {
    const member = p.org.at('member');
    const uploaded = await put(member, PNG);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.avatarUrl).toBe(`/api/v1/orgs/${p.org.slug}/starcorp/members/${member.id}/avatar`);
    const image = await get(p.org.at('readonly'), member.id);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    const listed = await p.ok(p.org.at('readonly'), 'GET', '/members', { query: { search: member.username } });
    expect(listed.items[0].avatarUrl).toBe(uploaded.body.avatarUrl);

    // A replacement removes the old file in the same transaction.
    const [{ before }] = await t.db.query(`SELECT count(*)::int AS before FROM files WHERE org_id = $1`, [p.org.id]);
    expect((await put(member, PNG)).status).toBe(200);
    const [{ after }] = await t.db.query(`SELECT count(*)::int AS after FROM files WHERE org_id = $1`, [p.org.id]);
    expect(after).toBe(before);

    expect((await p.call(member, 'DELETE', '/members/me/avatar')).status).toBe(204);
    expect((await get(p.org.at('readonly'), member.id)).status).toBe(404);
    expect((await p.call(member, 'DELETE', '/members/me/avatar')).status).toBe(404);
  });

  it('refuses other types (415) and more than 2 MiB (413), changing nothing', async () => {
    const member = p.org.at('officer');
    expect((await put(member, PDF)).status).toBe(415);
    expect((await put(member, Buffer.concat([PNG, Buffer.alloc(2 * MiB, 0)]))).status).toBe(413);
    expect((await get(member, member.id)).status).toBe(404);
  });

  it('is for members only, in their own org', async () => {
    expect((await put(p.org.at('trial'), PNG)).status).toBe(403);
    expect((await put(p.org.outsider, PNG)).status).toBe(404);
    expect((await put(await p.org.botKeyWith(['starcorp:write']).then((k) => ({ apiKey: k.key })), PNG)).status).toBe(
      403,
    );
    await p.forbidden('GET', `/members/${p.org.at('member').id}/avatar`, 'readonly', ['starcorp:read']);
    await p.forbidden('DELETE', '/members/me/avatar', 'member', ['starcorp:write']);
  });
});
