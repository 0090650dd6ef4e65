import { startAppWith } from '../support/app-with';
import { TestApp } from '../support/test-app';
import { createPublishingOrg, errorPaths, PublishingOrg } from './publishing-kit';

/** Issue 15 item 10: the item store; quantities move only by adjustments, never below zero. */
describe('starcorp items (e2e)', () => {
  let t: TestApp;
  let g: PublishingOrg;
  beforeAll(async () => ({ t, g: g } = await startAppWith(createPublishingOrg)));
  afterAll(() => t.close());

  const officer = () => g.at('officer');
  const createItem = async (body: Record<string, unknown> = {}) => {
    const res = await g.call(officer(), 'POST', '/items', { body: { title: 'Quantanium crate', ...body } });
    expect(res.status).toBe(201);
    return res.body;
  };
  const adjust = (id: string, delta: unknown, reason = 'stock take') =>
    g.call(officer(), 'POST', `/items/${id}/adjust`, { body: { delta, reason } });

  describe('access', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    it.each([
      ['POST', '/items', { title: 'x' }],
      ['PATCH', `/items/${id}`, { title: 'x' }],
      ['DELETE', `/items/${id}`, undefined],
      ['POST', `/items/${id}/adjust`, { delta: 1, reason: 'x' }],
    ])('%s %s: officers only', async (method, path, body) => {
      await g.forbidden(method, path, 'officer', ['starcorp:write'], { body });
    });

    it.each([['/items'], [`/items/${id}`], [`/items/${id}/movements`]])('GET %s: readonly and up', async (path) => {
      // The list answers 200; the made-up id 404 (after every refusal above it is checked).
      await g.forbidden('GET', path, 'readonly', ['starcorp:read'], { allowed: path === '/items' });
    });
  });

  it('the editor grant does not keep the store: editors read it like members', async () => {
    expect((await g.call(g.editor, 'POST', '/items', { body: { title: 'x' } })).status).toBe(403);
    expect((await g.call(g.editor, 'GET', '/items')).status).toBe(200);
  });

  it('creates an item at quantity 0, edits it, lists and deletes it', async () => {
    const item = await createItem({
      title: 'Medpens',
      category: 'medical',
      location: 'Port Olisar',
      imageUrl: 'https://cdn.test/m.png',
    });
    expect(item).toEqual(
      expect.objectContaining({
        title: 'Medpens',
        quantity: 0,
        category: 'medical',
        location: 'Port Olisar',
        description: '',
      }),
    );
    const edited = await g.call(officer(), 'PATCH', `/items/${item.id}`, {
      body: { location: 'Lorville', description: 'Boxes of 10' },
    });
    expect(edited.body).toEqual(
      expect.objectContaining({ location: 'Lorville', description: 'Boxes of 10', quantity: 0 }),
    );
    // The quantity is not a field: it moves by adjustments only.
    const direct = await g.call(officer(), 'PATCH', `/items/${item.id}`, { body: { quantity: 50 } });
    expect(direct.status).toBe(400);
    expect(errorPaths(direct)).toEqual(['quantity']);

    const member = g.at('member');
    const list = await g.call(member, 'GET', '/items', { query: { category: 'medical' } });
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    expect((await g.call(member, 'GET', '/items', { query: { search: 'medp' } })).body.items).toHaveLength(1);
    expect((await g.call(member, 'GET', `/items/${item.id}`)).body.location).toBe('Lorville');

    expect((await g.call(officer(), 'DELETE', `/items/${item.id}`)).status).toBe(204);
    expect((await g.call(member, 'GET', `/items/${item.id}`)).status).toBe(404);
  });

  it('pages the list by title', async () => {
    const org = await createPublishingOrg(t);
    for (const title of ['Charlie', 'Alpha', 'Bravo'])
      await org.call(org.at('officer'), 'POST', '/items', { body: { title } });
    const first = await org.call(org.at('member'), 'GET', '/items', { query: { limit: 2 } });
    expect(first.body.items.map((i: { title: string }) => i.title)).toEqual(['Alpha', 'Bravo']);
    const second = await org.call(org.at('member'), 'GET', '/items', {
      query: { limit: 2, cursor: first.body.nextCursor },
    });
    expect(second.body).toEqual({ items: [expect.objectContaining({ title: 'Charlie' })], nextCursor: null });
  });

  it('adjusts with a movement row each; below zero is 409 insufficient-quantity and changes nothing', async () => {
    const item = await createItem();
    const added = await adjust(item.id, 10, 'delivery');
    expect(added.status).toBe(200);
    expect(added.body.item.quantity).toBe(10);
    expect(added.body.movement).toEqual(
      expect.objectContaining({ delta: 10, quantityAfter: 10, reason: 'delivery', actorUserId: officer().id }),
    );
    expect((await adjust(item.id, -4)).body.item.quantity).toBe(6);
    const refused = await adjust(item.id, -7);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual(expect.objectContaining({ slug: 'insufficient-quantity', quantity: 6, delta: -7 }));
    expect((await adjust(item.id, -6)).body.item.quantity).toBe(0);

    const movements = await g.call(g.at('readonly'), 'GET', `/items/${item.id}/movements`);
    expect(movements.body.items.map((m: { delta: number }) => m.delta)).toEqual([-6, -4, 10]);
    expect(await g.audits('adjustStarcorpItem')).toEqual(
      expect.arrayContaining([{ target_id: item.id, actor_user_id: officer().id }]),
    );
  });

  it('refuses bad input with 400 and field paths, writing nothing', async () => {
    const item = await createItem();
    const bad = await adjust(item.id, 0, '');
    expect(bad.status).toBe(400);
    expect(errorPaths(bad)).toEqual(['delta', 'reason']);
    expect(errorPaths(await adjust(item.id, 1.5))).toEqual(['delta']);
    expect(errorPaths(await adjust(item.id, '3'))).toEqual(['delta']);
    const badItem = await g.call(officer(), 'POST', '/items', {
      body: { title: '', imageUrl: 'ftp://x', category: 5 },
    });
    expect(errorPaths(badItem)).toEqual(['category', 'imageUrl', 'title']);
    expect((await g.call(officer(), 'GET', `/items/${item.id}/movements`)).body.items).toEqual([]);
  });

  it("another org's item is 404", async () => {
    const item = await createItem();
    await g.expectNotFound(
      g.outsider,
      [
        ['GET', `/items/${item.id}`],
        ['PATCH', `/items/${item.id}`, { title: 'Mine' }],
        ['POST', `/items/${item.id}/adjust`, { delta: 5, reason: 'steal' }],
        ['GET', `/items/${item.id}/movements`],
        ['DELETE', `/items/${item.id}`],
      ],
      { slug: g.outsiderSlug },
    );
    expect((await g.call(officer(), 'GET', `/items/${item.id}`)).body.quantity).toBe(0);
  });

  it('20 concurrent adjustments lose none and never go below zero', async () => {
    const item = await createItem({ title: 'Contested crate' });
    await adjust(item.id, 10, 'initial');
    const movementsOf = async () =>
      t.db.query(
        'SELECT delta, quantity_after AS "quantityAfter" FROM starcorp_item_movements WHERE org_id = $1 AND item_id = $2',
        [g.id, item.id],
      );

    // 20 racing deposits: every one counts.
    const deposits = await Promise.all(Array.from({ length: 20 }, () => adjust(item.id, 1, 'deposit')));
    expect(deposits.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect((await g.call(officer(), 'GET', `/items/${item.id}`)).body.quantity).toBe(30);

    // 20 racing withdrawals of 2 for 30 units: exactly 15 go through, 5 are refused, none goes below zero.
    const withdrawals = await Promise.all(Array.from({ length: 20 }, () => adjust(item.id, -2, 'withdrawal')));
    const statuses = withdrawals.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(15);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    withdrawals.filter((r) => r.status === 409).forEach((r) => expect(r.body.slug).toBe('insufficient-quantity'));
    expect((await g.call(officer(), 'GET', `/items/${item.id}`)).body.quantity).toBe(0);

    // One movement per accepted move; each intermediate quantity was reached exactly once.
    const movements: { delta: number; quantityAfter: number }[] = await movementsOf();
    expect(movements).toHaveLength(1 + 20 + 15);
    expect(movements.reduce((sum, m) => sum + m.delta, 0)).toBe(0);
    const afterWithdrawals = movements.filter((m) => m.delta === -2).map((m) => m.quantityAfter);
    expect(afterWithdrawals.sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i * 2));
  });
});
