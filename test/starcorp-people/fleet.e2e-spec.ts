import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StarcorpShipImportService } from '../../src/contexts/starcorp/people/catalog/ship-import.service';
import { startAppWith } from '../support/app-with';
import { http } from '../support/http';
import { TestApp } from '../support/test-app';
import { createPeopleOrg, expectConflict, expectInvalid, PeopleOrg } from './people-kit';

const READ = ['starcorp:read'];
const WRITE = ['starcorp:write'];
const SOME_ID = '00000000-0000-4000-8000-000000000000';

describe('starcorp fleet (e2e)', () => {
  let t: TestApp;
  let p: PeopleOrg;
  const ship: Record<string, { id: string }> = {};
  beforeAll(async () => {
    ({ t, g: p } = await startAppWith(createPeopleOrg));
    await t.app
      .get(StarcorpShipImportService)
      .importExport(JSON.parse(readFileSync(join(__dirname, 'fixtures/fleetyards-ships.json'), 'utf8')));
    for (const name of ['Avenger Titan', 'Cutlass Black', 'Carrack']) {
      const page = await p.ok(p.org.at('readonly'), 'GET', '/ships', { query: { search: name } });
      ship[name] = page.items.find((s: any) => s.name === name);
    }
  });
  afterAll(() => t.close());

  const add = (who = p.org.at('member'), body: Record<string, unknown> = {}) =>
    p.ok(who, 'POST', '/fleet', { body: { shipId: ship['Avenger Titan'].id, acquiredVia: 'pledge', ...body } });

  it('refuses each route to the tiers below it', async () => {
    const hull = await add();
    await p.forbidden('GET', '/fleet', 'readonly', READ, { allowed: true });
    await p.forbidden('GET', '/fleet/summary', 'readonly', READ, { allowed: true });
    await p.forbidden('GET', `/fleet/${hull.id}`, 'readonly', READ, { allowed: true });
    await p.forbidden('GET', `/members/${p.org.at('member').id}/ships`, 'readonly', READ, { allowed: true });
    await p.forbidden('POST', '/fleet', 'member', WRITE, { body: { shipId: ship.Carrack.id, acquiredVia: 'pledge' } });
    await p.forbidden('PATCH', `/fleet/${hull.id}`, 'member', WRITE, { body: { notes: 'x' } });
    await p.forbidden('POST', `/fleet/${hull.id}/status`, 'member', WRITE, { body: { status: 'sold' } });
    await p.forbidden('DELETE', `/fleet/${hull.id}`, 'member', WRITE);
  });

  it('a member registers their own hull, announced as ship_added', async () => {
    const member = p.org.at('member');
    const hull = await add(member, {
      name: 'Bessie',
      purchasedDate: '2025-11-20',
      insurance: 'LTI',
      status: 'pledged',
      currentLocation: 'Area18',
    });
    expect(hull).toMatchObject({
      ownerUserId: member.id,
      ship: { id: ship['Avenger Titan'].id, name: 'Avenger Titan', size: 'small', manufacturerCode: 'AEGS' },
      name: 'Bessie',
      purchasedDate: '2025-11-20',
      acquiredVia: 'pledge',
      insurance: 'LTI',
      status: 'pledged',
      availableForMissions: false,
      currentLocation: 'Area18',
    });
    const events = await p.events('starcorp.fleet.ship_added');
    expect(events).toContainEqual({
      subject_id: hull.id,
      payload: expect.objectContaining({
        fleetShipId: hull.id,
        ownerUserId: member.id,
        shipName: 'Avenger Titan',
        status: 'pledged',
      }),
    });
    expect((await p.ok(p.org.at('readonly'), 'GET', `/fleet/${hull.id}`)).name).toBe('Bessie');
  });

  it('a retried registration with the same Idempotency-Key adds one hull; the change is audited', async () => {
    const member = await p.org.addUser('member');
    const send = () =>
      http(t, member, 'POST', `/api/v1/orgs/${p.org.slug}/starcorp/fleet`, {
        body: { shipId: ship['Avenger Titan'].id, acquiredVia: 'pledge' },
        headers: { 'idempotency-key': `hull-${member.id}` },
      });
    const [first, again] = [await send(), await send()];
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    const hulls = await p.ok(member, 'GET', '/fleet', { query: { owner: member.id } });
    expect(hulls.items).toHaveLength(1);
    const audit = await t.db.query('SELECT action FROM audit_log WHERE org_id = $1 AND target_id = $2', [
      p.org.id,
      first.body.id,
    ]);
    expect(audit).toHaveLength(1);
  });

  it("members cannot touch others' hulls (403); officers can", async () => {
    const theirs = await add(p.org.at('officer'));
    const member = p.org.at('member');
    expect((await p.call(member, 'PATCH', `/fleet/${theirs.id}`, { body: { notes: 'mine now' } })).status).toBe(403);
    expect((await p.call(member, 'POST', `/fleet/${theirs.id}/status`, { body: { status: 'sold' } })).status).toBe(403);
    expect((await p.call(member, 'DELETE', `/fleet/${theirs.id}`)).status).toBe(403);
    expect(
      (
        await p.call(member, 'POST', '/fleet', {
          body: { shipId: ship.Carrack.id, acquiredVia: 'ingame', ownerUserId: p.org.at('officer').id },
        })
      ).status,
    ).toBe(403);
    const mine = await add(member);
    const edited = await p.ok(p.org.at('officer'), 'PATCH', `/fleet/${mine.id}`, {
      body: { notes: 'Checked by officer' },
    });
    expect(edited.notes).toBe('Checked by officer');
    const forMember = await p.ok(p.org.at('officer'), 'POST', '/fleet', {
      body: { shipId: ship.Carrack.id, acquiredVia: 'ingame', ownerUserId: member.id },
    });
    expect(forMember.ownerUserId).toBe(member.id);
    expect(
      (
        await p.call(p.org.at('officer'), 'POST', '/fleet', {
          body: { shipId: ship.Carrack.id, acquiredVia: 'ingame', ownerUserId: p.org.outsider.id },
        })
      ).status,
    ).toBe(404);
    expect((await p.call(member, 'DELETE', `/fleet/${mine.id}`)).status).toBe(204);
    expect((await p.call(member, 'GET', `/fleet/${mine.id}`)).status).toBe(404);
  });

  it('moves along the lifecycle; illegal moves are 409 invalid-transition with currentState', async () => {
    const member = p.org.at('member');
    const hull = await add(member, { status: 'pledged' });
    const move = (status: string) => p.call(member, 'POST', `/fleet/${hull.id}/status`, { body: { status } });
    const refused = await move('on_loan');
    expectConflict(refused, 'invalid-transition');
    expect(refused.body.currentState).toBe('pledged');
    for (const status of ['active', 'on_loan', 'active']) expect((await move(status)).body.status).toBe(status);
    await p.ok(member, 'PATCH', `/fleet/${hull.id}`, { body: { availableForMissions: true } });
    expect((await move('sold')).body).toMatchObject({ status: 'sold', availableForMissions: false });
    for (const status of ['active', 'on_loan', 'pledged', 'sold']) {
      const final = await move(status);
      expectConflict(final, 'invalid-transition');
      expect(final.body.currentState).toBe('sold');
    }
    const changes = (await p.events('starcorp.fleet.status_changed')).filter((e) => e.subject_id === hull.id);
    expect(changes.map((e) => `${e.payload.from}->${e.payload.to}`)).toEqual([
      'pledged->active',
      'active->on_loan',
      'on_loan->active',
      'active->sold',
    ]);
    expectInvalid(await move('lost'), ['status']);
  });

  it('refuses bad input with field paths and writes nothing', async () => {
    const member = p.org.at('member');
    const before = (await p.ok(member, 'GET', '/fleet', { query: { owner: member.id, limit: 200 } })).items.length;
    expectInvalid(
      await p.call(member, 'POST', '/fleet', {
        body: {
          shipId: 'x',
          acquiredVia: 'stolen',
          status: 'sold',
          purchasedDate: '2025-13-45',
          availableFrom: 'soon',
          extra: 1,
        },
      }),
      ['shipId', 'acquiredVia', 'status', 'purchasedDate', 'availableFrom', 'extra'],
    );
    expectInvalid(
      await p.call(member, 'POST', '/fleet', {
        body: {
          shipId: ship.Carrack.id,
          acquiredVia: 'pledge',
          availableFrom: '2026-02-01T00:00:00Z',
          availableUntil: '2026-01-01T00:00:00Z',
        },
      }),
      ['availableUntil'],
    );
    expect((await p.call(member, 'POST', '/fleet', { body: { shipId: SOME_ID, acquiredVia: 'pledge' } })).status).toBe(
      404,
    );
    expect((await p.ok(member, 'GET', '/fleet', { query: { owner: member.id, limit: 200 } })).items.length).toBe(
      before,
    );
    expectInvalid(
      await p.call(member, 'GET', '/fleet', { query: { status: 'lost', size: 'huge', available: 'maybe' } }),
      ['status', 'size', 'available'],
    );
  });

  it("another org's hull is a 404", async () => {
    const outsiderHull = await t.db.query(
      `INSERT INTO starcorp_fleet_ships (org_id, owner_user_id, ship_id, acquired_via, status)
       SELECT id, $2, $3, 'pledge', 'active' FROM orgs WHERE slug = $1 RETURNING id`,
      [p.org.outsiderSlug, p.org.outsider.id, ship.Carrack.id],
    );
    const id = outsiderHull[0].id;
    const officer = p.org.at('admin');
    await p.expectNotFound(officer, [
      ['GET', `/fleet/${id}`],
      ['PATCH', `/fleet/${id}`, { notes: 'x' }],
      ['POST', `/fleet/${id}/status`, { status: 'sold' }],
      ['DELETE', `/fleet/${id}`],
    ]);
    const listed = await p.ok(officer, 'GET', '/fleet', { query: { limit: 200 } });
    expect(listed.items.map((f: any) => f.id)).not.toContain(id);
  });

  it('filters the fleet, summarizes it and counts a member’s ships per model', async () => {
    const owner = await p.org.addUser('member');
    const cutlass = ship['Cutlass Black'].id;
    const a = await add(owner, { shipId: cutlass, availableForMissions: true });
    await add(owner, { shipId: cutlass, availableForMissions: true, availableFrom: '2099-01-01T00:00:00Z' });
    await add(owner, { shipId: ship.Carrack.id, status: 'pledged' });
    const sold = await add(owner, { shipId: ship.Carrack.id });
    await p.ok(owner, 'POST', `/fleet/${sold.id}/status`, { body: { status: 'sold' } });

    const list = (query: Record<string, unknown>) =>
      p.ok(p.org.at('readonly'), 'GET', '/fleet', { query: { owner: owner.id, ...query } }).then((r) => r.items);
    expect(await list({})).toHaveLength(4);
    expect((await list({ available: true })).map((f: any) => f.id)).toEqual([a.id]);
    expect(await list({ available: false })).toHaveLength(3);
    expect(await list({ size: 'medium' })).toHaveLength(2);
    expect(await list({ status: 'pledged', ship: ship.Carrack.id })).toHaveLength(1);
    const first = await p.ok(p.org.at('readonly'), 'GET', '/fleet', { query: { owner: owner.id, limit: 3 } });
    const rest = await p.ok(p.org.at('readonly'), 'GET', '/fleet', {
      query: { owner: owner.id, limit: 3, cursor: first.nextCursor },
    });
    expect(rest.items).toHaveLength(1);

    const counts = await p.ok(p.org.at('readonly'), 'GET', `/members/${owner.id}/ships`);
    expect(counts).toEqual({
      userId: owner.id,
      items: [
        { ship: expect.objectContaining({ id: cutlass, name: 'Cutlass Black', manufacturerCode: 'DRAK' }), count: 2 },
        { ship: expect.objectContaining({ id: ship.Carrack.id }), count: 1 },
      ],
    });
    expect((await p.call(p.org.at('readonly'), 'GET', `/members/${p.org.outsider.id}/ships`)).status).toBe(404);
    expect((await p.ok(p.org.at('readonly'), 'GET', `/members/${owner.id}`)).stats.shipsOwned).toBe(3);

    const summary = (by?: string) => p.ok(p.org.at('readonly'), 'GET', '/fleet/summary', { query: { by } });
    const byShip = await summary();
    expect(byShip.by).toBe('ship');
    expect(byShip.items).toContainEqual({ key: cutlass, label: 'Cutlass Black', hulls: 2, owners: 1 });
    const bySize = await summary('size');
    expect(bySize.items.find((r: any) => r.key === 'medium')).toEqual({
      key: 'medium',
      label: 'medium',
      hulls: 2,
      owners: 1,
    });
    const byMaker = await summary('manufacturer');
    expect(byMaker.items.find((r: any) => r.key === 'ANVL')).toMatchObject({ label: 'Anvil Aerospace', hulls: 2 }); // and the officer's Carrack for the member above
    const byRole = await summary('role');
    expect(byRole.items.find((r: any) => r.key === 'multirole')).toMatchObject({ hulls: 2 });
    expectInvalid(await p.call(p.org.at('readonly'), 'GET', '/fleet/summary', { query: { by: 'colour' } }), ['by']);
  });
});
