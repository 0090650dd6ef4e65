import { createMissionsOrg, MissionsOrg } from '../starcorp-missions/missions-kit';
import { expectInvalid } from '../starcorp-people/people-kit';
import { startAppWith } from '../support/app-with';
import { http } from '../support/http';
import { TestApp, TestUser, unique } from '../support/test-app';

const WRITE = ['starcorp:write'];

/** A HangarXPLOR array-form entry. */
const entry = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  manufacturer_name: 'Roberts Space Industries',
  manufacturer_code: 'RSI',
  lti: false,
  warbond: false,
  pledge_name: `Package - ${name}`,
  pledge_date: 'March 12, 2019',
  pledge_cost: '$30.00 USD',
  unidentified: false,
  entity_type: 'ship',
  ...extra,
});

describe('starcorp fleet import (e2e)', () => {
  let t: TestApp;
  let p: MissionsOrg;
  beforeAll(async () => {
    ({ t, g: p } = await startAppWith(createMissionsOrg));
  });
  afterAll(() => t.close());

  const send = (who: TestUser, body: Record<string, unknown>, key: string | null = unique('import')) =>
    http(t, who, 'POST', `/api/v1/orgs/${p.org.slug}/starcorp/fleet/import`, {
      body,
      headers: key ? { 'idempotency-key': key } : {},
    });
  const hullsOf = async (owner: TestUser): Promise<number> => {
    const [row] = await t.db.query(
      'SELECT count(*)::int AS n FROM starcorp_fleet_ships WHERE org_id = $1 AND owner_user_id = $2',
      [p.org.id, owner.id],
    );
    return row.n;
  };
  const addedEvents = async () => (await p.events('starcorp.fleet.ship_added')).length;

  it('refuses the tiers below member, scope-less keys and strangers', async () => {
    await p.forbidden('POST', '/fleet/import', 'member', WRITE, { body: { data: [], dryRun: true } });
  });

  it('a member imports their own hangar (array form): hulls per matched ship, unknown names, non-ships skipped', async () => {
    const member = await p.org.addUser('member');
    const res = await send(member, {
      data: [
        entry('Avenger Titan', { manufacturer_name: 'Aegis Dynamics', manufacturer_code: 'AEGS', lti: true }),
        entry('Aegis Avenger Titan', { manufacturer_name: 'Aegis Dynamics', manufacturer_code: 'AEGS' }),
        entry('DRAKE Cutlass-Black', { manufacturer_name: 'Drake Interplanetary', pledge_date: 'nonsense' }),
        entry('Carrack', { ship_name: 'Bessie', status: 'pledged', pledge_date: undefined }),
        entry('Aurora MR'),
        entry('Aurora MR'),
        entry('Avenger Titan - Crimson paint', { entity_type: 'skin' }),
        entry('Hangar poster', { entity_type: 'hangar_decoration' }),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ownerUserId: member.id, unknown: ['Aurora MR'], skipped: 2, dryRun: false });
    expect(
      res.body.created.map((c: any) => [c.entryName, c.ship.name, c.status, c.insurance, c.purchasedDate, c.name]),
    ).toEqual([
      ['Avenger Titan', 'Avenger Titan', 'active', 'LTI', '2019-03-12', null],
      ['Aegis Avenger Titan', 'Avenger Titan', 'active', null, '2019-03-12', null],
      ['DRAKE Cutlass-Black', 'Cutlass Black', 'active', null, null, null],
      ['Carrack', 'Carrack', 'pledged', null, null, 'Bessie'],
    ]);
    const ids = res.body.created.map((c: any) => c.fleetShipId);
    const listed = await p.ok(member, 'GET', '/fleet', { query: { owner: member.id } });
    expect(listed.items.map((h: any) => h.id).sort()).toEqual([...ids].sort());
    expect(listed.items.every((h: any) => h.acquiredVia === 'pledge' && h.ownerUserId === member.id)).toBe(true);
    const events = (await p.events('starcorp.fleet.ship_added')).filter((e) => ids.includes(e.subject_id));
    expect(events).toHaveLength(4);
    expect(events[0].payload).toMatchObject({ ownerUserId: member.id, via: 'hangar_import' });
    // One audit entry for the import, written in its transaction.
    const audits = (await p.audits('importStarcorpHangar')).filter((a) => a.target_id === member.id);
    expect(audits).toEqual([{ target_id: member.id, actor_user_id: member.id }]);
  });

  it('reads the object form, and matches by ship code and manufacturer prefix', async () => {
    const member = await p.org.addUser('member');
    const res = await send(member, {
      format: 'object',
      data: {
        ships: [
          { name: 'Anvil Carrack', ship_code: 'ANVL_Carrack', lti: true },
          { name: 'Titan (renamed by RSI)', ship_code: 'AEGS_Avenger_Titan' },
          { name: 'Idris-P', ship_code: 'AEGS_Idris_P' },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.created.map((c: any) => c.ship.name)).toEqual(['Carrack', 'Avenger Titan']);
    expect(res.body.unknown).toEqual(['Idris-P']);
    expect(await hullsOf(member)).toBe(2);
    // auto detects the object form as well
    const auto = await send(member, { dryRun: true, data: { ships: [{ name: 'Carrack' }] } }, null);
    expect(auto.body.created.map((c: any) => c.ship.name)).toEqual(['Carrack']);
  });

  it('a dry run matches and writes nothing (no Idempotency-Key needed)', async () => {
    const member = await p.org.addUser('member');
    const before = await addedEvents();
    const res = await send(member, { dryRun: true, data: [entry('Avenger Titan'), entry('Nope')] }, null);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, unknown: ['Nope'], skipped: 0 });
    expect(res.body.created).toEqual([expect.objectContaining({ fleetShipId: null, entryName: 'Avenger Titan' })]);
    expect(await hullsOf(member)).toBe(0);
    expect(await addedEvents()).toBe(before);
    // Not audited either: it changed nothing.
    expect(await t.db.query('SELECT 1 FROM audit_log WHERE actor_user_id = $1', [member.id])).toEqual([]);
  });

  it('a real import needs an Idempotency-Key; a retry with the same key creates nothing twice', async () => {
    const member = await p.org.addUser('member');
    const body = { data: [entry('Avenger Titan'), entry('Carrack')] };
    expectInvalid(await send(member, body, null), ['Idempotency-Key']);
    expect(await hullsOf(member)).toBe(0);

    const key = unique('hangar');
    const first = await send(member, body, key);
    const before = await addedEvents();
    const again = await send(member, body, key);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await hullsOf(member)).toBe(2);
    expect(await addedEvents()).toBe(before);
    // Racing retries of one key: still one import.
    const racedKey = unique('hangar');
    const raced = await Promise.all([send(member, body, racedKey), send(member, body, racedKey)]);
    expect(raced.map((r) => r.status)).toContain(200);
    for (const r of raced) expect([200, 409]).toContain(r.status);
    expect(await hullsOf(member)).toBe(4);
  });

  it("officers import for another member; members cannot; another org's user is a 404", async () => {
    const member = await p.org.addUser('member');
    const officer = p.org.at('officer');
    const res = await send(officer, { ownerUserId: member.id, data: [entry('Cutlass Black')] });
    expect(res.status).toBe(200);
    expect(res.body.ownerUserId).toBe(member.id);
    expect(await hullsOf(member)).toBe(1);

    const other = await send(member, { ownerUserId: officer.id, data: [entry('Cutlass Black')] });
    expect(other.status).toBe(403);
    expect(await hullsOf(officer)).toBe(0);

    const outsider = await send(officer, { ownerUserId: p.org.outsider.id, data: [entry('Cutlass Black')] });
    expect(outsider.status).toBe(404);
    const stranger = await send(officer, { ownerUserId: '00000000-0000-4000-8000-000000000000', data: [] });
    expect(stranger.status).toBe(404);
    expect(await hullsOf(p.org.outsider)).toBe(0);
  });

  it('bad input is a 400 with field paths, and nothing is written', async () => {
    const member = await p.org.addUser('member');
    const before = await addedEvents();
    expectInvalid(await send(member, {}), ['data']);
    expectInvalid(await send(member, { data: 'x' }), ['data']);
    expectInvalid(await send(member, { format: 'array', data: { ships: [] } }), ['data']);
    expectInvalid(await send(member, { format: 'object', data: [] }), ['data']);
    expectInvalid(await send(member, { data: { vessels: [] } }), ['data.ships']);
    expectInvalid(await send(member, { format: 'csv', dryRun: 'yes', ownerUserId: 'me', data: [] }), [
      'format',
      'dryRun',
      'ownerUserId',
    ]);
    expectInvalid(
      await send(member, {
        data: [
          entry('Carrack'),
          { name: 5 },
          { name: 'Carrack', lti: 'yes' },
          'Carrack',
          { name: '' },
          entry('Carrack', { status: 'sold' }),
          { name: 'x'.repeat(201) },
          { name: 'Car\u202Erack' },
        ],
      }),
      ['data.1.name', 'data.2.lti', 'data.3', 'data.4.name', 'data.5.status', 'data.6.name', 'data.7.name'],
    );
    expectInvalid(await send(member, { data: { ships: [{ pledge_date: 7 }] } }), [
      'data.ships.0.name',
      'data.ships.0.pledge_date',
    ]);
    const tooMany = Array.from({ length: 1001 }, () => ({ name: 'Carrack' }));
    expectInvalid(await send(member, { data: tooMany }), ['data']);
    expect(await hullsOf(member)).toBe(0);
    expect(await addedEvents()).toBe(before);
  });

  it('refuses a body over the size limit (413), writing nothing', async () => {
    const member = await p.org.addUser('member');
    const data = Array.from({ length: 1000 }, () =>
      entry('Carrack', { pledge_name: 'x'.repeat(290), notes: 'y'.repeat(800) }),
    );
    const res = await send(member, { data });
    expect(res.status).toBe(413);
    expect(await hullsOf(member)).toBe(0);
  });

  it('imports up to 1,000 entries in one go', async () => {
    const member = await p.org.addUser('member');
    const data = Array.from({ length: 1000 }, (_, i) => ({ name: i % 2 ? 'Carrack' : 'Avenger Titan' }));
    const res = await send(member, { data });
    expect(res.status).toBe(200);
    expect(res.body.created).toHaveLength(1000);
    expect(await hullsOf(member)).toBe(1000);
  });
});
