import { createServer } from 'node:net';
import { AppConfig } from '../../src/platform/config/app-config';
import { RSI_SYNC_DAILY_QUEUE, RSI_SYNC_ORG_QUEUE, RsiSyncJob } from '../../src/contexts/starcorp/rsi/rsi-sync.job';
import { JobQueue } from '../../src/platform/jobs/job-queue';
import { errorPaths } from '../support/context-kit';
import { startTestApp, TestApp, unique } from '../support/test-app';
import { fakeCitizen, fakeOrganization, FakeScApi } from './fake-sc-api';
import { createRsiOrg, RsiOrg } from './rsi-kit';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Issue 15 item 2: the RSI mirror, synced from a local fake of the Star Citizen API. */
describe('starcorp RSI mirror (e2e)', () => {
  let t: TestApp;
  let fake: FakeScApi;
  let g: RsiOrg;
  let config: AppConfig;

  beforeAll(async () => {
    fake = new FakeScApi();
    await fake.start();
    // A short deadline for the slow case, a small cap for the oversized one.
    t = await startTestApp({
      SC_API_BASE_URL: fake.url,
      SC_API_KEY: fake.key,
      SC_API_TIMEOUT_MS: '400',
      SC_API_MAX_RESPONSE_BYTES: String(100 * 1024),
    });
    config = t.app.get(AppConfig);
    g = await createRsiOrg(t);
  });
  afterAll(async () => {
    await t?.close();
    await fake.stop();
  });
  afterEach(() => {
    fake.mode = 'ok';
    fake.modeFor = {};
    fake.failMembersPage = null;
  });

  const admin = () => g.at('admin');
  const officer = () => g.at('officer');
  const member = () => g.at('member');
  const handles = (page: { items: { handle: string }[] }) => page.items.map((m) => m.handle);

  /** A fresh org mirroring a fresh SID with these citizens. */
  async function syncedOrg(citizens: string[]): Promise<{ org: RsiOrg; sid: string }> {
    const org = await createRsiOrg(t);
    const sid = unique('S').replace(/-/g, '').toUpperCase().slice(0, 16);
    fake.orgs.set(sid, { org: fakeOrganization(sid), members: citizens.map((h) => fakeCitizen(h)) });
    await org.ok(org.at('admin'), 'PATCH', '/profile', { body: { sid } });
    await org.ok(org.at('admin'), 'POST', '/profile/sync');
    return { org, sid };
  }

  /** Everything a failed sync must leave as it was. */
  async function snapshot(org: RsiOrg) {
    const [profile] = await t.db.query('SELECT * FROM starcorp_rsi_profiles WHERE org_id = $1', [org.id]);
    const members = await t.db.query('SELECT * FROM starcorp_rsi_members WHERE org_id = $1 ORDER BY handle', [org.id]);
    const events = await org.events('starcorp.rsi.synced');
    return { profile, members, events: events.length };
  }

  it('the entities match the migration (no schema drift on the RSI tables)', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query).filter((q) => q.includes('starcorp_rsi'))).toEqual([]);
  });

  describe('access', () => {
    it('PATCH profile and POST profile/sync: admins only', async () => {
      await g.forbidden('PATCH', '/profile', 'admin', ['starcorp:admin'], { body: { sid: 'NOPE' } });
      await g.forbidden('POST', '/profile/sync', 'admin', ['starcorp:admin']);
    });

    it('rsi-members: readonly and up read; link: officers; claim and claim-code: members', async () => {
      await g.forbidden('GET', '/rsi-members', 'readonly', ['starcorp:read'], { allowed: true });
      await g.forbidden('GET', '/rsi-members/Someone', 'readonly', ['starcorp:read']);
      await g.forbidden('POST', '/rsi-members/Someone/link', 'officer', ['starcorp:write'], {
        body: { userId: null },
      });
      await g.forbidden('POST', '/rsi-members/Someone/claim', 'member', ['starcorp:write']);
      await g.forbidden('GET', '/rsi-members/claim-code', 'member', ['starcorp:write']);
    });

    it('GET profile is public: 404 before the SID is set, then anonymous readers see it', async () => {
      const org = await createRsiOrg(t);
      await org.fails(null, 404, 'GET', '/profile');
      await org.ok(org.at('admin'), 'PATCH', '/profile', { body: { sid: 'farout', name: 'Far Out' } });
      const profile = await org.ok(null, 'GET', '/profile');
      expect(profile).toEqual(expect.objectContaining({ sid: 'FAROUT', name: 'Far Out', lastSyncedAt: null }));
      expect((await org.call(null, 'GET', '/profile', { slug: org.withoutContextsSlug })).status).toBe(404);
      await t.db.query('UPDATE orgs SET public_site = false WHERE id = $1', [org.id]);
      expect((await org.call(null, 'GET', '/profile')).status).toBe(404);
    });
  });

  it('PATCH profile refuses bad input with 400 and field paths, writing nothing', async () => {
    const org = await createRsiOrg(t);
    const bad = await org.call(org.at('admin'), 'PATCH', '/profile', {
      body: { sid: 'no spaces!', recruiting: 'yes', logoUrl: 'javascript:alert(1)', memberCount: 3, name: null },
    });
    expect(bad.status).toBe(400);
    expect(errorPaths(bad)).toEqual(['logoUrl', 'memberCount', 'recruiting', 'sid']);
    expect(await t.db.query('SELECT 1 FROM starcorp_rsi_profiles WHERE org_id = $1', [org.id])).toEqual([]);
  });

  it('sync without a SID is 409 rsi-sid-missing; without SC_API_BASE_URL 503 rsi-api-not-configured', async () => {
    const org = await createRsiOrg(t);
    await org.fails(org.at('admin'), 409, 'POST', '/profile/sync', { problem: 'rsi-sid-missing' });
    await org.ok(org.at('admin'), 'PATCH', '/profile', { body: { sid: 'ANY' } });
    const base = config.SC_API_BASE_URL;
    config.SC_API_BASE_URL = undefined;
    try {
      await org.fails(org.at('admin'), 503, 'POST', '/profile/sync', { problem: 'rsi-api-not-configured' });
    } finally {
      config.SC_API_BASE_URL = base;
    }
  });

  describe('sync', () => {
    it('mirrors the organization (string numbers parsed, plain texts kept) and upserts the members', async () => {
      fake.orgs.set('FAROUTCORP', {
        org: fakeOrganization('FAROUTCORP'),
        members: [
          fakeCitizen('Alpha_One', '5', 'Founder'),
          fakeCitizen('Bravo_Two', '3'),
          fakeCitizen('Charlie_Three', '0', 'Recruit'),
          { handle: 'Delta_Four' }, // only a handle: every other field null
          { display: 'Hidden member' }, // no handle: skipped
          fakeCitizen('Alpha_One', '1'), // repeated: the first listing wins
        ],
      });
      await g.ok(admin(), 'PATCH', '/profile', { body: { sid: 'faroutcorp' } });
      const result = await g.ok(admin(), 'POST', '/profile/sync');
      expect(result).toEqual(expect.objectContaining({ listed: 4, added: 4, returned: 0, departed: 0 }));
      expect(result.profile).toEqual(
        expect.objectContaining({
          sid: 'FAROUTCORP',
          name: 'Far Out Corporation',
          archetype: 'Corporation',
          commitment: 'Regular',
          primaryLanguage: 'English',
          recruiting: true,
          memberCount: 123,
          headline: 'Far out!',
          history: 'Founded in 2950.',
          manifesto: 'Fly together.',
          charter: 'Be civil.',
          description: null,
          logoUrl: 'https://robertsspaceindustries.com/media/logo.png',
          bannerUrl: 'https://robertsspaceindustries.com/media/banner.jpg',
          apiData: expect.objectContaining({ members: '123', role_play: '0' }),
        }),
      );
      expect(Date.parse(result.profile.lastSyncedAt)).not.toBeNaN();
      expect(await g.ok(null, 'GET', '/profile')).toEqual(result.profile);

      const list = await g.ok(member(), 'GET', '/rsi-members');
      expect(list.items).toEqual([
        expect.objectContaining({ handle: 'Alpha_One', stars: 5, rank: 'Founder', displayName: 'Alpha_One Display' }),
        expect.objectContaining({
          handle: 'Bravo_Two',
          stars: 3,
          avatarUrl: 'https://robertsspaceindustries.com/media/Bravo_Two.jpg',
        }),
        expect.objectContaining({ handle: 'Charlie_Three', stars: 0 }),
        {
          handle: 'Delta_Four',
          displayName: null,
          rank: null,
          stars: null,
          avatarUrl: null,
          bio: null,
          userId: null,
          lastSeenAt: expect.any(String),
          departedAt: null,
        },
      ]);
      const events = await g.events('starcorp.rsi.synced');
      expect(events.at(-1)?.payload).toEqual({
        sid: 'FAROUTCORP',
        trigger: 'manual',
        memberCount: 123,
        listed: 4,
        added: 4,
        returned: 0,
        departed: 0,
      });
      expect(await g.audits('syncStarcorpRsiProfile')).toEqual([
        { target_id: expect.any(String), actor_user_id: admin().id },
      ]);
      expect(fake.requests.some((r) => r.startsWith(`/${fake.key}/v1/live/organization/FAROUTCORP`))).toBe(true);
    });

    it('marks handles no longer listed departed, and clears it when they return', async () => {
      const { org, sid } = await syncedOrg(['Ann', 'Ben', 'Cat']);
      fake.orgs.get(sid)!.members = [fakeCitizen('Ann', '4'), fakeCitizen('Dan')];
      const second = await org.ok(org.at('admin'), 'POST', '/profile/sync');
      expect(second).toEqual(expect.objectContaining({ listed: 2, added: 1, returned: 0, departed: 2 }));
      expect(handles(await org.ok(org.at('member'), 'GET', '/rsi-members'))).toEqual(['Ann', 'Dan']);
      const gone = await org.ok(org.at('member'), 'GET', '/rsi-members', { query: { state: 'departed' } });
      expect(handles(gone)).toEqual(['Ben', 'Cat']);
      expect(gone.items.every((m: { departedAt: string | null }) => m.departedAt !== null)).toBe(true);
      expect((await org.ok(org.at('member'), 'GET', '/rsi-members/ann')).stars).toBe(4);

      fake.orgs.get(sid)!.members = [fakeCitizen('Ann'), fakeCitizen('ben'), fakeCitizen('Dan')];
      const third = await org.ok(org.at('admin'), 'POST', '/profile/sync');
      expect(third).toEqual(expect.objectContaining({ listed: 3, added: 0, returned: 1, departed: 0 }));
      const ben = await org.ok(org.at('member'), 'GET', '/rsi-members/Ben');
      expect(ben).toEqual(expect.objectContaining({ handle: 'Ben', departedAt: null }));
      const all = await org.ok(org.at('member'), 'GET', '/rsi-members', { query: { state: 'all' } });
      expect(handles(all)).toEqual(['Ann', 'Ben', 'Cat', 'Dan']);
    });

    it('reads the member list page after page (32 to a page) until one is not full', async () => {
      const { org, sid } = await syncedOrg(['Ann']);
      const many = Array.from({ length: 70 }, (_, i) => fakeCitizen(`Pilot_${String(i).padStart(2, '0')}`));
      fake.orgs.get(sid)!.members = many;
      fake.requests.length = 0;
      const synced = await org.ok(org.at('admin'), 'POST', '/profile/sync');
      expect(synced).toEqual(expect.objectContaining({ listed: 70, added: 70, departed: 1 }));
      expect(fake.requests.filter((r) => r.includes('/organization_members/')).map((r) => r.split('?')[1])).toEqual([
        'page=1',
        'page=2',
        'page=3',
      ]);
      const listed = await org.ok(org.at('member'), 'GET', '/rsi-members', { query: { limit: 100 } });
      expect(listed.items).toHaveLength(70);

      // Exactly full pages: one more, empty, request tells the end.
      fake.orgs.get(sid)!.members = many.slice(0, 64);
      fake.requests.length = 0;
      expect(await org.ok(org.at('admin'), 'POST', '/profile/sync')).toEqual(
        expect.objectContaining({ listed: 64, departed: 6 }),
      );
      expect(fake.requests.filter((r) => r.includes('/organization_members/'))).toHaveLength(3);
    });

    it('a later page failing fails the whole sync: nobody is marked departed from a partial list', async () => {
      const { org, sid } = await syncedOrg(['Ann']);
      fake.orgs.get(sid)!.members = Array.from({ length: 40 }, (_, i) => fakeCitizen(`Crew_${i}`));
      await org.ok(org.at('admin'), 'POST', '/profile/sync');
      const before = await snapshot(org);
      // The second page answers with a 500: the first page alone would mark 8 members departed.
      fake.failMembersPage = 2;
      await org.fails(org.at('admin'), 502, 'POST', '/profile/sync', { problem: 'upstream-unavailable' });
      expect(await snapshot(org)).toEqual(before);
    });

    const outages: [string, () => void | Promise<void>][] = [
      ['500 from the organization', () => void (fake.modeFor.organization = 'error-500')],
      ['500 from the member list only', () => void (fake.modeFor.organization_members = 'error-500')],
      ['malformed JSON', () => void (fake.mode = 'malformed')],
      ['success: 0', () => void (fake.modeFor.organization_members = 'success-0')],
      ['a wrong shape', () => void (fake.mode = 'wrong-shape')],
      ['a slow answer past the deadline', () => void (fake.modeFor.organization_members = 'slow')],
      ['a redirect to another host', () => void (fake.mode = 'redirect')],
      ['an answer over the size cap', () => void (fake.mode = 'huge')],
    ];
    it.each(outages)('%s: 502 upstream-unavailable, nothing changed', async (_name, outage) => {
      const { org, sid } = await syncedOrg(['Ann', 'Ben']);
      fake.orgs.get(sid)!.members = [fakeCitizen('Zed')];
      fake.orgs.get(sid)!.org = fakeOrganization(sid, { name: 'Renamed', members: '999' });
      const before = await snapshot(org);
      await outage();
      const failed = await org.fails(org.at('admin'), 502, 'POST', '/profile/sync', {
        problem: 'upstream-unavailable',
      });
      expect(JSON.stringify(failed)).not.toContain(fake.key);
      expect(await snapshot(org)).toEqual(before);
    });

    it('a refused connection: 502 upstream-unavailable, nothing changed', async () => {
      const { org } = await syncedOrg(['Ann']);
      const before = await snapshot(org);
      const base = config.SC_API_BASE_URL;
      config.SC_API_BASE_URL = `http://127.0.0.1:${await closedPort()}`;
      try {
        await org.fails(org.at('admin'), 502, 'POST', '/profile/sync', { problem: 'upstream-unavailable' });
      } finally {
        config.SC_API_BASE_URL = base;
      }
      expect(await snapshot(org)).toEqual(before);
    });

    it('the daily job queues a sync per org with a SID and runs it', async () => {
      const { org, sid } = await syncedOrg(['Ann']);
      fake.orgs.get(sid)!.members = [fakeCitizen('Ann'), fakeCitizen('Newbie')];
      await t.app.get(RsiSyncJob).queueAll();
      await t.app.get(JobQueue).drain([RSI_SYNC_DAILY_QUEUE, RSI_SYNC_ORG_QUEUE]);
      const events = await org.events('starcorp.rsi.synced');
      expect(events.map((e) => e.payload.trigger)).toEqual(['manual', 'schedule']);
      expect(handles(await org.ok(org.at('member'), 'GET', '/rsi-members'))).toEqual(['Ann', 'Newbie']);
    });
  });

  describe('rsi-members', () => {
    it('filters by linked and search, pages by handle, and 400s bad filters', async () => {
      const { org } = await syncedOrg(['Ann', 'Ben', 'Cat', 'Dan']);
      await org.ok(org.at('officer'), 'POST', '/rsi-members/Cat/link', { body: { userId: org.at('member').id } });
      const reader = org.at('readonly');
      expect(handles(await org.ok(reader, 'GET', '/rsi-members', { query: { linked: true } }))).toEqual(['Cat']);
      expect(handles(await org.ok(reader, 'GET', '/rsi-members', { query: { linked: 'false' } }))).toEqual([
        'Ann',
        'Ben',
        'Dan',
      ]);
      expect(handles(await org.ok(reader, 'GET', '/rsi-members', { query: { search: 'EN d' } }))).toEqual(['Ben']);
      const first = await org.ok(reader, 'GET', '/rsi-members', { query: { limit: 3 } });
      expect(handles(first)).toEqual(['Ann', 'Ben', 'Cat']);
      const next = await org.ok(reader, 'GET', '/rsi-members', { query: { limit: 3, cursor: first.nextCursor } });
      expect(next).toEqual({ items: [expect.objectContaining({ handle: 'Dan' })], nextCursor: null });
      const bad = await org.call(reader, 'GET', '/rsi-members', { query: { state: 'gone', linked: 'maybe' } });
      expect(errorPaths(bad)).toEqual(['linked', 'state']);
      await org.fails(reader, 404, 'GET', '/rsi-members/Nobody');
      await org.fails(reader, 404, 'GET', '/rsi-members/bad%20handle!');
    });

    it("another org's handles are 404", async () => {
      const { org: other } = await syncedOrg(['Other_Pilot']);
      await g.expectNotFound(officer(), [
        ['GET', '/rsi-members/Other_Pilot'],
        ['POST', '/rsi-members/Other_Pilot/link', { userId: member().id }],
        ['POST', '/rsi-members/Other_Pilot/claim'],
      ]);
      expect((await other.ok(other.at('member'), 'GET', '/rsi-members/Other_Pilot')).userId).toBeNull();
    });
  });

  describe('link', () => {
    it('an officer links and unlinks; one handle per member (409 naming userId); non-members 404', async () => {
      const { org } = await syncedOrg(['Ann', 'Ben']);
      const pilot = org.at('member');
      const linked = await org.ok(org.at('officer'), 'POST', '/rsi-members/ann/link', { body: { userId: pilot.id } });
      expect(linked).toEqual(expect.objectContaining({ handle: 'Ann', userId: pilot.id }));
      const again = await org.ok(org.at('officer'), 'POST', '/rsi-members/Ann/link', { body: { userId: pilot.id } });
      expect(again.userId).toBe(pilot.id);
      const second = await org.fails(org.at('officer'), 409, 'POST', '/rsi-members/Ben/link', {
        body: { userId: pilot.id },
        problem: 'rsi-already-linked',
      });
      expect(second.field).toBe('userId');
      await org.fails(org.at('officer'), 404, 'POST', '/rsi-members/Ben/link', { body: { userId: org.outsider.id } });
      const bad = await org.call(org.at('officer'), 'POST', '/rsi-members/Ben/link', { body: { userId: 'x' } });
      expect(errorPaths(bad)).toEqual(['userId']);
      expect(errorPaths(await org.call(org.at('officer'), 'POST', '/rsi-members/Ben/link', { body: {} }))).toEqual([
        'userId',
      ]);
      const unlinked = await org.ok(org.at('officer'), 'POST', '/rsi-members/Ann/link', { body: { userId: null } });
      expect(unlinked.userId).toBeNull();
      expect(
        (await org.ok(org.at('officer'), 'POST', '/rsi-members/Ben/link', { body: { userId: pilot.id } })).userId,
      ).toBe(pilot.id);
      expect((await org.audits('linkStarcorpRsiMember')).length).toBe(4);
    });

    it('concurrent links of one member to two handles: one wins, the other is 409', async () => {
      const { org } = await syncedOrg(['Ann', 'Ben']);
      const pilot = org.at('member');
      const results = await Promise.all(
        ['Ann', 'Ben'].map((h) =>
          org.call(org.at('officer'), 'POST', `/rsi-members/${h}/link`, { body: { userId: pilot.id } }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const rows = await t.db.query('SELECT handle FROM starcorp_rsi_members WHERE org_id = $1 AND user_id = $2', [
        org.id,
        pilot.id,
      ]);
      expect(rows).toHaveLength(1);
    });
  });

  describe('claim', () => {
    it('issues a stable claim code per member', async () => {
      const first = await g.ok(member(), 'GET', '/rsi-members/claim-code');
      expect(first.code).toMatch(/^QM-[A-Z2-9]{8}$/);
      expect((await g.ok(member(), 'GET', '/rsi-members/claim-code')).code).toBe(first.code);
      expect((await g.ok(officer(), 'GET', '/rsi-members/claim-code')).code).not.toBe(first.code);
    });

    it('succeeds when the live RSI bio carries the code; 422 without it; 502 when the API is down', async () => {
      const { org } = await syncedOrg(['Ann', 'Ben']);
      const pilot = org.at('member');
      const { code } = await org.ok(pilot, 'GET', '/rsi-members/claim-code');
      fake.bios.set('ann', 'I fly a Cutlass. No code here.');
      const missing = await org.fails(pilot, 422, 'POST', '/rsi-members/Ann/claim', {
        problem: 'rsi-claim-code-missing',
      });
      expect(missing.code).toBe(code);
      fake.bios.set('ann', `I fly a Cutlass.\n${code.toLowerCase()} - verifying for my org`);
      fake.mode = 'error-500';
      await org.fails(pilot, 502, 'POST', '/rsi-members/Ann/claim', { problem: 'upstream-unavailable' });
      fake.mode = 'ok';
      expect((await org.ok(pilot, 'GET', '/rsi-members/Ann')).userId).toBeNull();

      const claimed = await org.ok(pilot, 'POST', '/rsi-members/Ann/claim');
      expect(claimed).toEqual(
        expect.objectContaining({ handle: 'Ann', userId: pilot.id, bio: expect.stringContaining(code.toLowerCase()) }),
      );
      expect((await org.ok(pilot, 'POST', '/rsi-members/ann/claim')).userId).toBe(pilot.id);

      // The member has a handle now: a second one is refused before any call upstream.
      const second = await org.fails(pilot, 409, 'POST', '/rsi-members/Ben/claim', { problem: 'rsi-already-linked' });
      expect(second.field).toBe('userId');
      // Someone else's handle.
      const taken = await org.fails(org.at('officer'), 409, 'POST', '/rsi-members/Ann/claim', {
        problem: 'rsi-already-linked',
      });
      expect(taken.field).toBe('handle');
    });

    it('a departed handle or an unknown one cannot be claimed (404)', async () => {
      const { org, sid } = await syncedOrg(['Ann', 'Gone']);
      fake.orgs.get(sid)!.members = [fakeCitizen('Ann')];
      await org.ok(org.at('admin'), 'POST', '/profile/sync');
      const pilot = org.at('member');
      const { code } = await org.ok(pilot, 'GET', '/rsi-members/claim-code');
      fake.bios.set('gone', code);
      await org.fails(pilot, 404, 'POST', '/rsi-members/Gone/claim');
      await org.fails(pilot, 404, 'POST', '/rsi-members/Nobody/claim');
    });
  });
});
