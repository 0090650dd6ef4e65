import { BiddingService } from '../../src/contexts/dkp/bidding/bidding.service';
import { closeCheckingLedger, expectLedgerConsistent } from '../support/dkp-fixtures';
import { BiddingGuild, createBiddingGuild } from '../support/dkp-bidding-fixtures';
import { startAppWith } from '../support/app-with';
import { TestApp, unique } from '../support/test-app';

/** Live auctions over HTTP: rules, visibility, spendable points, closing, awarding, the bot endpoints. */
describe('DKP live bidding', () => {
  let t: TestApp;
  let g: BiddingGuild;
  /** A bot key that runs auctions (dkp:auctioneer) but cannot bid. */
  let auctioneer: { apiKey: string };
  beforeAll(async () => {
    ({ t, g } = await startAppWith(createBiddingGuild));
    auctioneer = { apiKey: (await g.org.addBotKey(['dkp:auctioneer'], 'auctioneer bot')).key };
  });
  afterAll(() => closeCheckingLedger(t));

  const soon = (s: number) => new Date(Date.now() + s * 1000).toISOString();
  const lootRows = async (userId: string) => (await g.ledger(userId)).filter((r: any) => r.kind === 'loot');

  describe('starting sessions', () => {
    it('officer 201; member and readonly 403; a stranger 404; a bot key with dkp:auctioneer 201, without it 403', async () => {
      const pool = await g.auctionPool();
      const body = { itemName: unique('Cloak'), poolId: pool.id, minBid: '5' };
      const started = await g.call(g.officer, 'POST', '/bidding/sessions', { body });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({
        status: 'open',
        poolId: pool.id,
        quantity: 1,
        minBid: '5.00',
        bidCount: 0,
        leadingAmount: null,
        rules: {
          mode: 'open',
          pricing: 'first_price',
          minIncrement: '1.00',
          allowEqualBids: false,
          antiSnipeSeconds: 30,
        },
      });
      // the pool's default auction length (120 s)
      expect(new Date(started.body.closesAt).getTime() - Date.now()).toBeGreaterThan(100_000);
      expect((await g.call(g.member, 'POST', '/bidding/sessions', { body })).status).toBe(403);
      expect((await g.call(g.readonly, 'POST', '/bidding/sessions', { body })).status).toBe(403);
      expect((await g.call(g.outsider, 'POST', '/bidding/sessions', { body })).status).toBe(404);
      expect((await g.call(g.owner, 'POST', '/bidding/sessions', { body, slug: g.noDkpSlug })).status).toBe(404);
      expect((await g.call(null, 'POST', '/bidding/sessions', { body })).status).toBe(401);
      const bot = await g.call(auctioneer, 'POST', '/bidding/sessions', {
        body: { ...body, itemName: unique('Bot item') },
      });
      expect(bot.status).toBe(201);
      const biddingBot = await g.call({ apiKey: g.biddingBotKey }, 'POST', '/bidding/sessions', { body });
      expect(biddingBot.status).toBe(403);
      expect(biddingBot.body.type).toMatch(/insufficient-scope$/);
      const readBot = await g.call({ apiKey: g.readBotKey }, 'POST', '/bidding/sessions', { body });
      expect(readBot.status).toBe(403);
      expect(readBot.body.type).toMatch(/insufficient-scope$/);
      // a pool of another org, a past close time, no pool at all
      expect(
        (await g.call(g.officer, 'POST', '/bidding/sessions', { body: { ...body, closesAt: soon(-5) } })).status,
      ).toBe(400);
      expect((await g.call(g.officer, 'POST', '/bidding/sessions', { body: { itemName: 'X' } })).status).toBe(400);
    });

    it('lists open sessions and shows one with its bids; other orgs see nothing', async () => {
      const pool = await g.auctionPool();
      const a = await g.bidder(pool.id);
      const s = await g.start({ poolId: pool.id });
      expect((await g.bid(s.id, a, { amount: '12' })).status).toBe(201);
      const list = await g.ok(g.member, 'GET', '/bidding/sessions', { query: { poolId: pool.id } });
      expect(list.map((x: any) => x.id)).toEqual([s.id]);
      expect(list[0]).toMatchObject({ leadingAmount: '12.00', bidCount: 1, status: 'open' });
      const detail = await g.detail(s.id, g.readonly);
      expect(detail.bids).toEqual([
        expect.objectContaining({ userId: a.id, amount: '12.00', price: null, characterName: null }),
      ]);
      expect(detail.winners).toEqual([]);
      expect((await g.call(g.outsider, 'GET', `/bidding/sessions/${s.id}`)).status).toBe(404);
      expect(
        (await g.call(g.outsider, 'GET', '/bidding/sessions', { slug: g.otherSlug })).body.map((x: any) => x.id),
      ).not.toContain(s.id);
      expect((await g.call(g.outsider, 'GET', `/bidding/sessions/${s.id}`, { slug: g.otherSlug })).status).toBe(404);
      expect(
        (
          await g.call(g.outsider, 'POST', `/bidding/sessions/${s.id}/bids`, {
            slug: g.otherSlug,
            body: { amount: '50' },
          })
        ).status,
      ).toBe(404);
      expect((await g.call(null, 'GET', '/bidding/sessions')).status).toBe(401);
      const closedList = await g.ok(g.member, 'GET', '/bidding/sessions', {
        query: { status: 'closed', poolId: pool.id },
      });
      expect(closedList).toEqual([]);
    });
  });

  describe('open auctions', () => {
    it("a bid must beat the leader by the minimum increment; equal refused; one's own bid must rise", async () => {
      const pool = await g.auctionPool({ minIncrement: '5' });
      const [a, b] = [await g.bidder(pool.id), await g.bidder(pool.id)];
      const s = await g.start({ poolId: pool.id, minBid: '10' });
      const underMin = await g.bid(s.id, a, { amount: '9.99' });
      expect(underMin.status).toBe(409);
      expect(underMin.body).toMatchObject({ type: expect.stringMatching(/bid-too-low$/), minimumBid: '10.00' });
      expect((await g.bid(s.id, a, { amount: '10' })).status).toBe(201);
      const equal = await g.bid(s.id, b, { amount: '10' });
      expect(equal.status).toBe(409);
      expect(equal.body.minimumBid).toBe('15.00');
      expect((await g.bid(s.id, b, { amount: '14.99' })).status).toBe(409);
      const placed = await g.bid(s.id, b, { amount: '15' });
      expect(placed.status).toBe(201);
      expect(placed.body.session).toMatchObject({ leadingAmount: '15.00', bidCount: 2 });
      // b leads: raising their own bid needs only to rise, a must reach 20
      const same = await g.bid(s.id, b, { amount: '15' });
      expect(same.status).toBe(409);
      expect(same.body.type).toMatch(/bid-too-low$/);
      expect((await g.bid(s.id, b, { amount: '16' })).status).toBe(201);
      expect((await g.bid(s.id, a, { amount: '20' })).status).toBe(409);
      expect((await g.bid(s.id, a, { amount: '21' })).status).toBe(201);
      expect((await g.detail(s.id)).leadingAmount).toBe('21.00');
    });

    it('equal bids are accepted where the pool allows them; the earlier one leads', async () => {
      const pool = await g.auctionPool({ allowEqualBids: true });
      const [a, b] = [await g.bidder(pool.id), await g.bidder(pool.id)];
      const s = await g.start({ poolId: pool.id });
      expect((await g.bid(s.id, a, { amount: '30' })).status).toBe(201);
      expect((await g.bid(s.id, b, { amount: '30' })).status).toBe(201);
      expect((await g.bid(s.id, b, { amount: '29' })).status).toBe(409);
      const closed = (await g.close(s.id)).body;
      expect(closed.winners).toEqual([expect.objectContaining({ userId: a.id, price: '30.00' })]);
    });

    it("members bid for themselves only; officers and bots bid for a member by Discord id; characters must be the bidder's", async () => {
      const pool = await g.auctionPool();
      const m = await g.link(g.member);
      await g.give(m, pool.id, '100');
      const other = await g.bidder(pool.id);
      const s = await g.start({ poolId: pool.id });
      const forOther = await g.bid(s.id, m, { amount: '5', discordId: other.discordId });
      expect(forOther.status).toBe(403);
      const foreignChar = await g.bid(s.id, m, { amount: '5', characterName: g.chars.officer.name });
      expect(foreignChar.status).toBe(400);
      expect(JSON.stringify(foreignChar.body)).toMatch(/characterName/);
      expect((await g.bid(s.id, m, { amount: '5', characterName: 'Nobodyhere' })).status).toBe(400);
      const own = await g.bid(s.id, m, { amount: '5', characterName: g.chars.member.name.toLowerCase() });
      expect(own.status).toBe(201);
      expect(own.body.bid).toMatchObject({ userId: m.id, characterName: g.chars.member.name });
      const viaDiscordSelf = await g.bid(s.id, m, { amount: '6', discordId: m.discordId });
      expect(viaDiscordSelf.status).toBe(201);
      const byOfficer = await g.bid(s.id, g.officer, { amount: '7', discordId: other.discordId });
      expect(byOfficer.status).toBe(201);
      expect(byOfficer.body.bid.userId).toBe(other.id);
      const byBot = await g.bid(s.id, { apiKey: g.biddingBotKey }, { amount: '8', discordId: m.discordId });
      expect(byBot.status).toBe(201);
      expect(byBot.body.bid.userId).toBe(m.id);
      expect((await g.bid(s.id, { apiKey: g.biddingBotKey }, { amount: '9' })).status).toBe(400);
      expect((await g.bid(s.id, { apiKey: g.readBotKey }, { amount: '9', discordId: m.discordId })).status).toBe(403);
      expect((await g.bid(s.id, g.officer, { amount: '9', discordId: '123456789012345678' })).status).toBe(404);
      expect((await g.bid(s.id, g.readonly, { amount: '9' })).status).toBe(403);
      expect((await g.bid(s.id, g.officer, { amount: 'lots', discordId: m.discordId })).status).toBe(400);
      // one bidder is one user, whichever character: the member's bids count as one
      const detail = await g.detail(s.id);
      expect(new Set(detail.bids.map((b: any) => b.userId))).toEqual(new Set([m.id, other.id]));
      expect(detail.bids.every((b: any) => Number.isInteger(b.roll) && b.roll >= 1 && b.roll <= 1000)).toBe(true);
    });

    it('anti-snipe: a bid near the end pushes the close time out', async () => {
      const pool = await g.auctionPool({ antiSnipeSeconds: 60 });
      const a = await g.bidder(pool.id);
      const s = await g.start({ poolId: pool.id, closesAt: soon(10) });
      const before = Date.now();
      const placed = await g.bid(s.id, a, { amount: '3' });
      expect(placed.status).toBe(201);
      const closesAt = new Date(placed.body.session.closesAt).getTime();
      expect(closesAt).toBeGreaterThanOrEqual(before + 59_000);
      expect(new Date((await g.detail(s.id)).closesAt).getTime()).toBe(closesAt);
      // far from the end nothing moves
      const far = await g.start({ poolId: pool.id, closesAt: soon(600) });
      const farPlaced = await g.bid(far.id, a, { amount: '3' });
      expect(farPlaced.body.session.closesAt).toBe(far.closesAt);
    });
  });

  describe('sealed auctions', () => {
    it("hide other bidders' bids and the leading amount from members until close; officers see all", async () => {
      const pool = await g.auctionPool({ auctionMode: 'sealed' });
      const [a, b] = [await g.bidder(pool.id), await g.bidder(pool.id)];
      const s = await g.start({ poolId: pool.id, minBid: '5' });
      expect(s.rules.mode).toBe('sealed');
      expect((await g.bid(s.id, a, { amount: '4' })).status).toBe(409);
      const placedA = await g.bid(s.id, a, { amount: '30' });
      expect(placedA.status).toBe(201);
      expect(placedA.body.session.leadingAmount).toBeNull();
      // any amount over the minimum is accepted, even below the leader
      expect((await g.bid(s.id, b, { amount: '20' })).status).toBe(201);
      // a sealed bidder may change their bid either way
      expect((await g.bid(s.id, a, { amount: '25' })).status).toBe(201);
      const seenByA = await g.detail(s.id, a);
      expect(seenByA.leadingAmount).toBeNull();
      expect(seenByA.bidCount).toBe(3);
      expect(seenByA.bids.map((x: any) => [x.userId, x.amount])).toEqual([
        [a.id, '25.00'],
        [a.id, '30.00'],
      ]);
      const seenByB = await g.detail(s.id, b);
      expect(seenByB.bids.map((x: any) => x.amount)).toEqual(['20.00']);
      const seenByReadonly = await g.detail(s.id, g.readonly);
      expect(seenByReadonly.bids).toEqual([]);
      expect(seenByReadonly.leadingAmount).toBeNull();
      const listed = (await g.ok(g.member, 'GET', '/bidding/sessions', { query: { poolId: pool.id } }))[0];
      expect(listed.leadingAmount).toBeNull();
      const seenByOfficer = await g.detail(s.id);
      expect(seenByOfficer.bids).toHaveLength(3);
      // the leading amount is the best counting bid: a lowered theirs to 25
      expect(seenByOfficer.leadingAmount).toBe('25.00');
      expect((await g.detail(s.id, { apiKey: g.biddingBotKey })).bids).toHaveLength(3);
      const closed = (await g.close(s.id)).body;
      // a's counting bid is their latest (25), not their highest
      expect(closed.winners).toEqual([expect.objectContaining({ userId: a.id, bid: '25.00', price: '25.00' })]);
      const afterB = await g.detail(s.id, b);
      expect(afterB.bids).toHaveLength(3);
      expect(afterB.winners).toHaveLength(1);
      expect(afterB.leadingAmount).toBe('25.00');
    });

    it('a tie goes to the earliest bid by default', async () => {
      const pool = await g.auctionPool({ auctionMode: 'sealed' });
      const [a, b] = [await g.bidder(pool.id), await g.bidder(pool.id)];
      const s = await g.start({ poolId: pool.id });
      await g.bid(s.id, a, { amount: '20' });
      await new Promise((r) => setTimeout(r, 5));
      await g.bid(s.id, b, { amount: '20' });
      const closed = (await g.close(s.id)).body;
      expect(closed.winners).toEqual([expect.objectContaining({ userId: a.id, price: '20.00' })]);
    });

    it('a tie goes to the better 30-day attendance when the pool says so, then to the recorded roll', async () => {
      const pool = await g.auctionPool({ auctionMode: 'sealed', tieBreakOrder: ['attendance', 'roll'] });
      const [early, loyal] = [await g.bidder(pool.id), await g.bidder(pool.id)];
      const loyalChar = await g.character(loyal);
      const event = await g.ok(g.owner, 'POST', '/events', {
        body: { name: unique('Naggy'), defaultPoints: '0', poolId: pool.id },
      });
      const raid = await g.ok(g.officer, 'POST', '/raids', {
        body: { eventId: event.id, startsAt: new Date(Date.now() - 3600_000).toISOString() },
      });
      await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, {
        body: { attendees: [{ name: loyalChar.name }] },
      });
      const s = await g.start({ poolId: pool.id });
      await g.bid(s.id, early, { amount: '20' });
      await g.bid(s.id, loyal, { amount: '20' });
      const closed = (await g.close(s.id)).body;
      expect(closed.winners).toEqual([expect.objectContaining({ userId: loyal.id, price: '20.00' })]);

      // equal attendance: the higher recorded roll wins, and the rolls are there to check
      const [c, d] = [await g.bidder(pool.id), await g.bidder(pool.id)];
      const s2 = await g.start({ poolId: pool.id });
      await g.bid(s2.id, c, { amount: '15' });
      await g.bid(s2.id, d, { amount: '15' });
      const closed2 = (await g.close(s2.id)).body;
      const rolls = Object.fromEntries(closed2.bids.map((x: any) => [x.userId, x.roll]));
      expect(rolls[c.id]).toBeGreaterThanOrEqual(1);
      expect(rolls[d.id]).toBeLessThanOrEqual(1000);
      const expected =
        rolls[c.id] === rolls[d.id] ? closed2.winners[0].userId : rolls[c.id] > rolls[d.id] ? c.id : d.id;
      expect(closed2.winners.map((w: any) => w.userId)).toEqual([expected]);
    });
  });

  describe('what a bidder can spend', () => {
    it('a bid above the balance is refused', async () => {
      const pool = await g.auctionPool();
      const a = await g.bidder(pool.id, '50');
      const s = await g.start({ poolId: pool.id });
      const over = await g.bid(s.id, a, { amount: '50.01' });
      expect(over.status).toBe(409);
      expect(over.body).toMatchObject({ type: expect.stringMatching(/bid-exceeds-balance$/), maxBid: '50.00' });
      expect((await g.bid(s.id, a, { amount: '50' })).status).toBe(201);
      const none = await g.bidder(pool.id, '0');
      expect((await g.bid(s.id, none, { amount: '51' })).body.type).toMatch(/bid-exceeds-balance$/);
    });

    it('balance minus what the user leads with in other open sessions of the pool, and back when outbid', async () => {
      const pool = await g.auctionPool();
      const otherPool = await g.auctionPool();
      const [u, v] = [await g.bidder(pool.id, '100'), await g.bidder(pool.id, '200')];
      await g.give(u, otherPool.id, '10');
      const maxBid = async () =>
        g.ok(g.readonly, 'GET', `/bidding/users/${u.discordId}/max-bid`, { query: { poolId: pool.id } });
      expect(await maxBid()).toEqual({
        userId: u.id,
        poolId: pool.id,
        balance: '100.00',
        committed: '0.00',
        maxBid: '100.00',
      });
      const A = await g.start({ poolId: pool.id });
      const B = await g.start({ poolId: pool.id });
      const C = await g.start({ poolId: otherPool.id });
      expect((await g.bid(A.id, u, { amount: '60' })).status).toBe(201);
      expect(await maxBid()).toMatchObject({ balance: '100.00', committed: '60.00', maxBid: '40.00' });
      const over = await g.bid(B.id, u, { amount: '40.01' });
      expect(over.status).toBe(409);
      expect(over.body).toMatchObject({ type: expect.stringMatching(/bid-exceeds-balance$/), maxBid: '40.00' });
      // raising one's own bid in A does not count the bid there twice
      expect((await g.bid(A.id, u, { amount: '100' })).status).toBe(201);
      expect((await g.bid(B.id, u, { amount: '1' })).status).toBe(409);
      // another pool is another purse
      expect((await g.bid(C.id, u, { amount: '10' })).status).toBe(201);
      // outbid in A: everything is free again
      expect((await g.bid(A.id, v, { amount: '101' })).status).toBe(201);
      expect(await maxBid()).toMatchObject({ committed: '0.00', maxBid: '100.00' });
      expect((await g.bid(B.id, u, { amount: '100' })).status).toBe(201);
      expect(await maxBid()).toMatchObject({ committed: '100.00', maxBid: '0.00' });
      // a closed session's win stays committed until the award debits it
      await g.close(B.id);
      expect(await maxBid()).toMatchObject({ balance: '100.00', committed: '100.00', maxBid: '0.00' });
      await g.award(B.id);
      expect(await maxBid()).toMatchObject({ balance: '0.00', committed: '0.00', maxBid: '0.00' });
      expect((await g.call(g.readonly, 'GET', `/bidding/users/${u.discordId}/max-bid`, { query: {} })).status).toBe(
        400,
      );
      expect(
        (await g.call(g.readonly, 'GET', '/bidding/users/123456789012345678/max-bid', { query: { poolId: pool.id } }))
          .status,
      ).toBe(404);
      expect(
        (await g.call(g.outsider, 'GET', `/bidding/users/${u.discordId}/max-bid`, { query: { poolId: pool.id } }))
          .status,
      ).toBe(404);
      expect(
        (
          await g.call({ apiKey: g.biddingBotKey }, 'GET', `/bidding/users/${u.discordId}/max-bid`, {
            query: { poolId: pool.id },
          })
        ).status,
      ).toBe(200);
    });
  });

  describe('no one wins more than they can pay', () => {
    it('100 points, sealed bids of 80 in two sessions, then a rival lowers theirs: the second session goes to the next bidder who can pay', async () => {
      const pool = await g.auctionPool({ auctionMode: 'sealed', antiSnipeSeconds: 0 });
      const u = await g.bidder(pool.id, '100');
      const [rival, v] = [await g.bidder(pool.id), await g.bidder(pool.id)];
      const [s1, s2] = [await g.start({ poolId: pool.id }), await g.start({ poolId: pool.id })];
      expect((await g.bid(s1.id, rival, { amount: '90' })).status).toBe(201);
      expect((await g.bid(s1.id, u, { amount: '80' })).status).toBe(201);
      // u leads nothing else, so 80 more is within their limit
      expect((await g.bid(s2.id, u, { amount: '80' })).status).toBe(201);
      expect((await g.bid(s2.id, v, { amount: '30' })).status).toBe(201);
      // the rival lowers their sealed bid: u now leads both sessions, 160 with 100 points
      expect((await g.bid(s1.id, rival, { amount: '10' })).status).toBe(201);
      expect((await g.close(s1.id)).body.winners).toEqual([
        expect.objectContaining({ userId: u.id, bid: '80.00', price: '80.00' }),
      ]);
      // the win is owed until awarded: u cannot promise it again elsewhere
      const s3 = await g.start({ poolId: pool.id });
      const over = await g.bid(s3.id, u, { amount: '20.01' });
      expect(over.body).toMatchObject({ type: expect.stringMatching(/bid-exceeds-balance$/) });
      const closed2 = (await g.close(s2.id)).body;
      expect(closed2.winners).toEqual([expect.objectContaining({ userId: v.id, bid: '30.00', price: '30.00' })]);
      expect(closed2.bids.find((x: any) => x.userId === u.id).price).toBeNull();
      // both awards go through, in either order
      expect((await g.award(s2.id)).body.status).toBe('awarded');
      expect((await g.award(s1.id)).body.status).toBe('awarded');
      expect((await g.balance(u, pool.id)).balance).toBe('20.00');
      expect((await g.balance(v, pool.id)).balance).toBe('70.00');
      expect((await g.balance(rival, pool.id)).balance).toBe('100.00');
      expect(await lootRows(u.id)).toHaveLength(1);
      await g.close(s3.id);
      await expectLedgerConsistent(t);
    });

    it('a bid its bidder can no longer cover at close (balance fell) is passed over, also in second-price auctions', async () => {
      const pool = await g.auctionPool({ auctionPricing: 'second_price', secondPriceIncrement: '1' });
      const [a, b, c] = [await g.bidder(pool.id), await g.bidder(pool.id), await g.bidder(pool.id)];
      const s = await g.start({ poolId: pool.id, minBid: '1' });
      await g.bid(s.id, c, { amount: '20' });
      await g.bid(s.id, b, { amount: '60' });
      await g.bid(s.id, a, { amount: '90' });
      await g.give(b, pool.id, '-50');
      // b (60 with 50 points) neither wins nor sets the price: a pays c's 20 + 1
      expect((await g.close(s.id)).body.winners).toEqual([
        expect.objectContaining({ userId: a.id, bid: '90.00', price: '21.00' }),
      ]);
    });
  });

  describe('scopes', () => {
    it('dkp:bidding bids and reads but cannot run auctions; dkp:auctioneer runs them but cannot bid; neither: 403', async () => {
      const pool = await g.auctionPool();
      const a = await g.bidder(pool.id);
      const biddingBot = { apiKey: g.biddingBotKey };
      const readBot = { apiKey: g.readBotKey };
      const started = await g.call(auctioneer, 'POST', '/bidding/sessions', {
        body: { itemName: unique('Scoped'), poolId: pool.id },
      });
      expect(started.status).toBe(201);
      const id = started.body.id;
      expect((await g.bid(id, biddingBot, { amount: '10', discordId: a.discordId })).status).toBe(201);
      expect((await g.bid(id, auctioneer, { amount: '11', discordId: a.discordId })).status).toBe(403);
      expect((await g.call(auctioneer, 'GET', `/bidding/sessions/${id}`)).status).toBe(403);
      expect((await g.call(biddingBot, 'GET', `/bidding/sessions/${id}`)).status).toBe(200);
      for (const action of ['close', 'award', 'cancel']) {
        for (const who of [biddingBot, readBot]) {
          const refused = await g.call(who, 'POST', `/bidding/sessions/${id}/${action}`);
          expect([action, refused.status, refused.body.type]).toEqual([
            action,
            403,
            expect.stringMatching(/insufficient-scope$/),
          ]);
        }
      }
      expect((await g.call(auctioneer, 'POST', `/bidding/sessions/${id}/close`)).body.status).toBe('closed');
      expect((await g.call(auctioneer, 'POST', `/bidding/sessions/${id}/award`)).body.status).toBe('awarded');
      expect((await g.balance(a, pool.id)).balance).toBe('90.00');
      const other = await g.start({ poolId: pool.id });
      expect((await g.call(auctioneer, 'POST', `/bidding/sessions/${other.id}/cancel`)).body.status).toBe('cancelled');
      const balance = await g.call(biddingBot, 'GET', `/discord/users/${a.discordId}/balance`);
      expect(balance.status).toBe(200);
      expect((await g.call(readBot, 'GET', `/discord/users/${a.discordId}/balance`)).status).toBe(200);
      const writeBot = { apiKey: (await g.org.addBotKey(['dkp:write'], 'writer')).key };
      expect((await g.call(writeBot, 'GET', `/discord/users/${a.discordId}/balance`)).status).toBe(403);
      expect(
        (await g.call(writeBot, 'POST', '/bidding/sessions', { body: { itemName: 'X', poolId: pool.id } })).status,
      ).toBe(403);
    });
  });

  describe('winners and prices', () => {
    it('quantity 2: the top two bidders win one each', async () => {
      const pool = await g.auctionPool();
      const [a, b, c] = [await g.bidder(pool.id), await g.bidder(pool.id), await g.bidder(pool.id)];
      const s = await g.start({ poolId: pool.id, quantity: 2, minBid: '5' });
      expect((await g.bid(s.id, a, { amount: '10' })).status).toBe(201);
      // two places: until both are taken the minimum is enough
      expect((await g.bid(s.id, b, { amount: '5' })).status).toBe(201);
      expect((await g.bid(s.id, c, { amount: '5' })).status).toBe(409);
      expect((await g.bid(s.id, c, { amount: '6' })).status).toBe(201);
      const closed = (await g.close(s.id)).body;
      expect(closed.winners.map((w: any) => [w.userId, w.price]).sort()).toEqual(
        [
          [a.id, '10.00'],
          [c.id, '6.00'],
        ].sort(),
      );
      const awarded = (await g.award(s.id)).body;
      expect(awarded.status).toBe('awarded');
      expect(awarded.winners.every((w: any) => w.lootId)).toBe(true);
      expect((await g.balance(a, pool.id)).balance).toBe('90.00');
      expect((await g.balance(c, pool.id)).balance).toBe('94.00');
      expect((await g.balance(b, pool.id)).balance).toBe('100.00');
    });

    it('second price: the winner pays the best losing bid plus the increment, at most their own', async () => {
      const pool = await g.auctionPool({ auctionPricing: 'second_price', secondPriceIncrement: '2' });
      const [a, b] = [await g.bidder(pool.id), await g.bidder(pool.id)];
      const s = await g.start({ poolId: pool.id, minBid: '1' });
      await g.bid(s.id, b, { amount: '30' });
      await g.bid(s.id, a, { amount: '50' });
      const closed = (await g.close(s.id)).body;
      expect(closed.winners).toEqual([expect.objectContaining({ userId: a.id, bid: '50.00', price: '32.00' })]);
      await g.award(s.id);
      expect((await g.balance(a, pool.id)).balance).toBe('68.00');
      // alone: the minimum bid
      const s2 = await g.start({ poolId: pool.id, minBid: '7' });
      await g.bid(s2.id, b, { amount: '40' });
      expect((await g.close(s2.id)).body.winners).toEqual([expect.objectContaining({ userId: b.id, price: '7.00' })]);
    });

    it('no bids: no winners, and awarding debits nobody', async () => {
      const pool = await g.auctionPool();
      const s = await g.start({ poolId: pool.id });
      expect((await g.close(s.id)).body.winners).toEqual([]);
      expect((await g.award(s.id)).body).toMatchObject({ status: 'awarded', winners: [] });
    });
  });

  describe('closing', () => {
    it('a bid after close is refused; closing twice has one effect; members cannot close', async () => {
      const pool = await g.auctionPool();
      const [a, b] = [await g.bidder(pool.id), await g.bidder(pool.id)];
      const s = await g.start({ poolId: pool.id });
      await g.bid(s.id, a, { amount: '10' });
      expect((await g.call(g.member, 'POST', `/bidding/sessions/${s.id}/close`)).status).toBe(403);
      expect((await g.call(g.outsider, 'POST', `/bidding/sessions/${s.id}/close`)).status).toBe(404);
      const first = await g.close(s.id);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        status: 'closed',
        winners: [expect.objectContaining({ userId: a.id, price: '10.00', lootId: null })],
      });
      const late = await g.bid(s.id, b, { amount: '20' });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({
        type: expect.stringMatching(/auction-closed$/),
        status: 409,
        sessionStatus: 'closed',
      });
      const second = await g.close(s.id);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(
        (await g.ok(g.member, 'GET', '/bidding/sessions', { query: { poolId: pool.id } })).map((x: any) => x.id),
      ).not.toContain(s.id);
      expect(
        (await g.ok(g.member, 'GET', '/bidding/sessions', { query: { poolId: pool.id, status: 'closed' } })).map(
          (x: any) => x.id,
        ),
      ).toEqual([s.id]);
    });

    it('the job closes sessions whose time is up, once; a bid past the close time is refused before the job runs', async () => {
      const pool = await g.auctionPool({ antiSnipeSeconds: 0 });
      const a = await g.bidder(pool.id);
      const s = await g.start({ poolId: pool.id, closesAt: soon(2) });
      const notDue = await g.start({ poolId: pool.id, closesAt: soon(3600) });
      await g.bid(s.id, a, { amount: '11' });
      const service = t.app.get(BiddingService);
      await service.closeExpired(new Date(Date.now() - 60_000));
      expect((await g.detail(s.id)).status).toBe('open');
      await new Promise((r) => setTimeout(r, 2100));
      const late = await g.bid(s.id, a, { amount: '12' });
      expect(late.status).toBe(409);
      expect(late.body.type).toMatch(/auction-closed$/);
      await service.closeExpired(new Date(Date.now() + 1000));
      const closed = await g.detail(s.id);
      expect(closed).toMatchObject({
        status: 'closed',
        winners: [expect.objectContaining({ userId: a.id, price: '11.00' })],
      });
      expect((await g.detail(notDue.id)).status).toBe('open');
      await service.closeExpired(new Date(Date.now() + 1000));
      expect(await g.detail(s.id)).toEqual(closed);
    });

    it('awarding an open session past its close time closes it first; awarding an open one is refused', async () => {
      const pool = await g.auctionPool({ antiSnipeSeconds: 0 });
      const a = await g.bidder(pool.id);
      const open = await g.start({ poolId: pool.id });
      const early = await g.award(open.id);
      expect(early.status).toBe(409);
      expect(early.body.type).toMatch(/auction-not-closed$/);
      const s = await g.start({ poolId: pool.id, closesAt: soon(1.5) });
      await g.bid(s.id, a, { amount: '9' });
      await new Promise((r) => setTimeout(r, 1600));
      const awarded = await g.award(s.id);
      expect(awarded.status).toBe(200);
      expect(awarded.body).toMatchObject({
        status: 'awarded',
        winners: [expect.objectContaining({ userId: a.id, price: '9.00', lootId: expect.any(String) })],
      });
      expect((await g.balance(a, pool.id)).balance).toBe('91.00');
    });
  });

  describe('awarding and cancelling', () => {
    it('award creates the loot award and one debit; awarding again changes nothing', async () => {
      const pool = await g.auctionPool();
      const a = await g.bidder(pool.id);
      const char = await g.character(a);
      const s = await g.start({ poolId: pool.id });
      await g.bid(s.id, a, { amount: '40', characterName: char.name });
      await g.close(s.id);
      expect((await g.call(g.member, 'POST', `/bidding/sessions/${s.id}/award`)).status).toBe(403);
      expect((await g.call({ apiKey: g.readBotKey }, 'POST', `/bidding/sessions/${s.id}/award`)).status).toBe(403);
      const first = await g.award(s.id);
      expect(first.status).toBe(200);
      const lootId = first.body.winners[0].lootId;
      expect(first.body.winners).toEqual([
        { userId: a.id, characterName: char.name, bid: '40.00', price: '40.00', lootId },
      ]);
      const loot = await g.ok(g.readonly, 'GET', `/loot/${lootId}`);
      expect(loot).toMatchObject({
        userId: a.id,
        amount: '40.00',
        poolId: pool.id,
        itemName: s.itemName,
        characterName: char.name,
      });
      const second = await g.award(s.id);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(await lootRows(a.id)).toEqual([
        expect.objectContaining({ amount: '-40.00', lootId, characterName: char.name }),
      ]);
      expect((await g.balance(a, pool.id)).balance).toBe('60.00');
      expect((await g.close(s.id)).body.status).toBe('awarded');
      const cancel = await g.call(g.officer, 'POST', `/bidding/sessions/${s.id}/cancel`);
      expect(cancel.status).toBe(409);
      expect(cancel.body.type).toMatch(/auction-awarded$/);
    });

    it('award with an Idempotency-Key: the replay returns the same result, one debit; an auctioneer key may award', async () => {
      const pool = await g.auctionPool();
      const a = await g.bidder(pool.id);
      const s = await g.start({ poolId: pool.id });
      await g.bid(s.id, a, { amount: '25' });
      await g.close(s.id);
      const key = unique('award');
      const bot = auctioneer;
      const first = await g.call(bot, 'POST', `/bidding/sessions/${s.id}/award`, {
        headers: { 'idempotency-key': key },
      });
      expect(first.status).toBe(200);
      const replay = await g.call(bot, 'POST', `/bidding/sessions/${s.id}/award`, {
        headers: { 'idempotency-key': key },
      });
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual(first.body);
      expect(await lootRows(a.id)).toHaveLength(1);
      expect((await g.balance(a, pool.id)).balance).toBe('75.00');
    });

    it('award when the winner can no longer pay: the next bidder who can pay wins; nobody left: no winner', async () => {
      const pool = await g.auctionPool();
      const [a, b] = [await g.bidder(pool.id), await g.bidder(pool.id)];
      const s = await g.start({ poolId: pool.id });
      await g.bid(s.id, b, { amount: '30' });
      await g.bid(s.id, a, { amount: '50' });
      expect((await g.close(s.id)).body.winners).toEqual([expect.objectContaining({ userId: a.id, price: '50.00' })]);
      // a's balance falls between close and award
      await g.give(a, pool.id, '-80');
      const awarded = await g.award(s.id);
      expect(awarded.status).toBe(200);
      expect(awarded.body).toMatchObject({
        status: 'awarded',
        winners: [expect.objectContaining({ userId: b.id, bid: '30.00', price: '30.00', lootId: expect.any(String) })],
      });
      expect(awarded.body.bids.find((x: any) => x.userId === a.id).price).toBeNull();
      expect(await lootRows(a.id)).toEqual([]);
      expect((await g.balance(a, pool.id)).balance).toBe('20.00');
      expect((await g.balance(b, pool.id)).balance).toBe('70.00');

      // the only bidder can no longer pay: the auction is awarded to nobody, nothing is debited
      const c = await g.bidder(pool.id, '40');
      const s2 = await g.start({ poolId: pool.id });
      await g.bid(s2.id, c, { amount: '40' });
      await g.close(s2.id);
      await g.give(c, pool.id, '-1');
      expect((await g.award(s2.id)).body).toMatchObject({ status: 'awarded', winners: [] });
      expect(await lootRows(c.id)).toEqual([]);
      expect((await g.balance(c, pool.id)).balance).toBe('39.00');
    });

    it('cancel: an open or closed session is cancelled with no debit; cancelled cannot be closed, awarded or bid on', async () => {
      const pool = await g.auctionPool();
      const a = await g.bidder(pool.id);
      const s = await g.start({ poolId: pool.id });
      await g.bid(s.id, a, { amount: '10' });
      expect((await g.call(g.member, 'POST', `/bidding/sessions/${s.id}/cancel`)).status).toBe(403);
      const cancelled = await g.call(g.officer, 'POST', `/bidding/sessions/${s.id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', winners: [] });
      expect((await g.call(g.officer, 'POST', `/bidding/sessions/${s.id}/cancel`)).body).toEqual(cancelled.body);
      expect((await g.close(s.id)).body.type).toMatch(/auction-cancelled$/);
      expect((await g.award(s.id)).status).toBe(409);
      expect((await g.bid(s.id, a, { amount: '20' })).body).toMatchObject({
        type: expect.stringMatching(/auction-closed$/),
        status: 409,
        sessionStatus: 'cancelled',
      });
      const closedFirst = await g.start({ poolId: pool.id });
      await g.bid(closedFirst.id, a, { amount: '10' });
      await g.close(closedFirst.id);
      expect((await g.call(g.officer, 'POST', `/bidding/sessions/${closedFirst.id}/cancel`)).body).toMatchObject({
        status: 'cancelled',
        winners: [],
      });
      expect(await lootRows(a.id)).toEqual([]);
      expect((await g.balance(a, pool.id)).balance).toBe('100.00');
    });
  });

  describe('bot endpoints', () => {
    it('balance by Discord id, validate bid, active bids', async () => {
      const pool = await g.auctionPool();
      const a = await g.bidder(pool.id, '80');
      const bal = await g.ok({ apiKey: g.readBotKey }, 'GET', `/discord/users/${a.discordId}/balance`, {
        query: { poolId: pool.id },
      });
      // a bidding bot reads it too (max-bid shows it the balance anyway); an auctioneer-only key does not
      const byBiddingBot = await g.ok({ apiKey: g.biddingBotKey }, 'GET', `/discord/users/${a.discordId}/balance`, {
        query: { poolId: pool.id },
      });
      expect(byBiddingBot).toEqual(bal);
      const byAuctioneer = await g.call(auctioneer, 'GET', `/discord/users/${a.discordId}/balance`);
      expect(byAuctioneer.status).toBe(403);
      expect(byAuctioneer.body.type).toMatch(/insufficient-scope$/);
      expect(bal).toMatchObject({
        userId: a.id,
        discordId: a.discordId,
        pools: [expect.objectContaining({ poolId: pool.id, balance: '80.00' })],
      });
      expect((await g.call(g.outsider, 'GET', `/discord/users/${a.discordId}/balance`)).status).toBe(404);
      expect((await g.call(g.readonly, 'GET', '/discord/users/123456789012345678/balance')).status).toBe(404);

      const s = await g.start({ poolId: pool.id });
      await g.bid(s.id, a, { amount: '30' });
      const validate = (amount: string) =>
        g.call({ apiKey: g.biddingBotKey }, 'POST', '/discord/validate-bid', {
          body: { discordId: a.discordId, poolId: pool.id, amount },
        });
      expect((await validate('50')).body).toEqual({ valid: true, reason: null, maxBid: '50.00', balance: '80.00' });
      const tooMuch = await validate('50.01');
      expect(tooMuch.status).toBe(200);
      expect(tooMuch.body).toMatchObject({ valid: false, reason: expect.stringContaining('50.00'), maxBid: '50.00' });
      expect((await validate('0')).body).toMatchObject({ valid: false, reason: 'amount must be positive' });
      expect(
        (
          await g.call(g.outsider, 'POST', '/discord/validate-bid', {
            body: { discordId: a.discordId, poolId: pool.id, amount: '1' },
          })
        ).status,
      ).toBe(404);

      const active = await g.ok({ apiKey: g.biddingBotKey }, 'GET', '/discord/active-bids');
      expect(active.map((x: any) => x.id)).toContain(s.id);
      expect(active.every((x: any) => x.status === 'open')).toBe(true);
      await g.close(s.id);
      expect((await g.ok(g.readonly, 'GET', '/discord/active-bids')).map((x: any) => x.id)).not.toContain(s.id);
      expect((await g.call(g.outsider, 'GET', '/discord/active-bids')).status).toBe(404);
    });

    it('bid results: loot award and debit; the same Idempotency-Key twice is one debit; over the balance 409', async () => {
      const pool = await g.auctionPool();
      const a = await g.bidder(pool.id, '70');
      const char = await g.character(a);
      const bot = auctioneer;
      const body = {
        discordId: a.discordId,
        itemName: unique('Chat item'),
        amount: '45',
        characterName: char.name,
        poolId: pool.id,
      };
      const key = unique('result');
      const first = await g.call(bot, 'POST', '/discord/bid-results', { body, headers: { 'idempotency-key': key } });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        userId: a.id,
        amount: '45.00',
        itemName: body.itemName,
        characterName: char.name,
        poolId: pool.id,
      });
      const replay = await g.call(bot, 'POST', '/discord/bid-results', { body, headers: { 'idempotency-key': key } });
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
      const reused = await g.call(bot, 'POST', '/discord/bid-results', {
        body: { ...body, amount: '1' },
        headers: { 'idempotency-key': key },
      });
      expect(reused.status).toBe(422);
      expect(await lootRows(a.id)).toHaveLength(1);
      expect((await g.balance(a, pool.id)).balance).toBe('25.00');
      const over = await g.call(bot, 'POST', '/discord/bid-results', {
        body: { ...body, amount: '25.01' },
        headers: { 'idempotency-key': unique('result') },
      });
      expect(over.status).toBe(409);
      expect(over.body.type).toMatch(/insufficient-points$/);
      expect(await lootRows(a.id)).toHaveLength(1);
      expect((await g.call({ apiKey: g.readBotKey }, 'POST', '/discord/bid-results', { body })).status).toBe(403);
      // recording a result decides a winner: a bidding-only key may not
      expect((await g.call({ apiKey: g.biddingBotKey }, 'POST', '/discord/bid-results', { body })).status).toBe(403);
      expect((await g.call(g.member, 'POST', '/discord/bid-results', { body })).status).toBe(403);
      expect((await g.call(g.outsider, 'POST', '/discord/bid-results', { body })).status).toBe(404);
      expect(
        (await g.call(bot, 'POST', '/discord/bid-results', { body: { ...body, discordId: '123456789012345678' } }))
          .status,
      ).toBe(404);
      // an officer's personal credential works too
      expect((await g.call(g.officer, 'POST', '/discord/bid-results', { body: { ...body, amount: '5' } })).status).toBe(
        201,
      );
      expect((await g.balance(a, pool.id)).balance).toBe('20.00');
    });
  });
});
