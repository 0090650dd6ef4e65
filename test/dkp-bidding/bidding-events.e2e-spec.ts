import { BiddingGuild, createBiddingGuild, openEventStream } from '../support/dkp-bidding-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** The org's server-sent event stream of auctions (GET bidding/events). */
describe('DKP live bidding events', () => {
  let t: TestApp;
  let g: BiddingGuild;
  const streams: { close(): Promise<void> }[] = [];
  const open = async (app: TestApp, slug: string, token: string) => {
    const s = await openEventStream(`${app.baseUrl}/api/v1/orgs/${slug}/dkp/bidding/events`, {
      authorization: `Bearer ${token}`,
    });
    streams.push(s);
    return s;
  };
  beforeAll(async () => {
    t = await startTestApp();
    g = await createBiddingGuild(t);
  });
  afterAll(async () => {
    await Promise.all(streams.map((s) => s.close()));
    await t.close();
  });

  it('pushes session_started, bid_placed, outbid, session_closed, session_awarded in order', async () => {
    const pool = await g.auctionPool();
    const [a, b] = [await g.bidder(pool.id), await g.bidder(pool.id)];
    const stream = await open(t, g.slug, g.readonly.token);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/text\/event-stream/);
    const mine = (type: string, sessionId?: string) => (e: { event: string; data: any }) =>
      e.event === type && (!sessionId || e.data.sessionId === sessionId || e.data.session?.id === sessionId);

    const s = await g.start({ poolId: pool.id });
    await g.bid(s.id, a, { amount: '10' });
    await g.bid(s.id, b, { amount: '20' });
    await g.close(s.id);
    await g.award(s.id);

    const started = await stream.next(mine('session_started', s.id));
    expect(started.data.session).toMatchObject({ id: s.id, itemName: s.itemName, status: 'open' });
    const first = await stream.next(mine('bid_placed', s.id));
    expect(first.data).toMatchObject({
      sessionId: s.id,
      itemName: s.itemName,
      userId: a.id,
      amount: '10.00',
      leadingAmount: '10.00',
      bidCount: 1,
    });
    const second = await stream.next(mine('bid_placed', s.id));
    expect(second.data).toMatchObject({ userId: b.id, amount: '20.00', leadingAmount: '20.00', bidCount: 2 });
    const outbid = await stream.next(mine('outbid', s.id));
    expect(outbid.data).toMatchObject({ sessionId: s.id, userId: a.id, leadingAmount: '20.00' });
    const closed = await stream.next(mine('session_closed', s.id));
    expect(closed.data.winners).toEqual([expect.objectContaining({ userId: b.id, price: '20.00' })]);
    const awarded = await stream.next(mine('session_awarded', s.id));
    expect(awarded.data.winners).toEqual([expect.objectContaining({ userId: b.id, lootId: expect.any(String) })]);
    const order = stream.events
      .filter((e) => e.data?.sessionId === s.id || e.data?.session?.id === s.id)
      .map((e) => e.event);
    expect(order).toEqual([
      'session_started',
      'bid_placed',
      'bid_placed',
      'outbid',
      'session_closed',
      'session_awarded',
    ]);

    // closing or awarding again raises nothing new; cancelling another session does
    await g.close(s.id);
    await g.award(s.id);
    const s2 = await g.start({ poolId: pool.id });
    await g.call(g.officer, 'POST', `/bidding/sessions/${s2.id}/cancel`);
    await stream.next(mine('session_cancelled', s2.id));
    expect(stream.events.filter((e) => e.data?.sessionId === s.id).map((e) => e.event)).toEqual(order.slice(1));
  });

  it('sealed sessions: bid_placed carries neither amount nor bidder, and nobody is told they were outbid', async () => {
    const pool = await g.auctionPool({ auctionMode: 'sealed' });
    const [a, b] = [await g.bidder(pool.id), await g.bidder(pool.id)];
    const stream = await open(t, g.slug, g.member.token);
    const s = await g.start({ poolId: pool.id });
    await g.bid(s.id, a, { amount: '10' });
    await g.bid(s.id, b, { amount: '20' });
    await g.close(s.id);
    const placed = [
      await stream.next((e) => e.event === 'bid_placed' && e.data.sessionId === s.id),
      await stream.next((e) => e.event === 'bid_placed' && e.data.sessionId === s.id),
    ];
    for (const e of placed) {
      expect(Object.keys(e.data).sort()).toEqual(['bidCount', 'closesAt', 'itemName', 'sessionId']);
      expect(JSON.stringify(e.data)).not.toMatch(/10\.00|20\.00|userId|amount/);
      expect(JSON.stringify(e.data)).not.toContain(a.id);
    }
    await stream.next((e) => e.event === 'session_closed' && e.data.sessionId === s.id);
    expect(stream.events.filter((e) => e.event === 'outbid' && e.data.sessionId === s.id)).toEqual([]);
  });

  it('other orgs: a stranger gets 404, no credential 401, and events of one org never reach another', async () => {
    expect((await g.call(g.outsider, 'GET', '/bidding/events')).status).toBe(404);
    expect((await g.call(g.owner, 'GET', '/bidding/events', { slug: g.noDkpSlug })).status).toBe(404);
    expect((await g.call(null, 'GET', '/bidding/events')).status).toBe(401);
    const strangerStream = await open(t, g.otherSlug, g.outsider.token);
    expect(strangerStream.status).toBe(200);
    const pool = await g.auctionPool();
    const ours = await open(t, g.slug, g.readonly.token);
    const s = await g.start({ poolId: pool.id });
    await ours.next((e) => e.event === 'session_started' && e.data.session.id === s.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(strangerStream.events.filter((e) => e.event !== 'heartbeat')).toEqual([]);
  });

  it('a bot key with dkp:bidding can follow the stream', async () => {
    const stream = await openEventStream(`${t.baseUrl}/api/v1/orgs/${g.slug}/dkp/bidding/events`, {
      'x-api-key': g.biddingBotKey,
    });
    streams.push(stream);
    expect(stream.status).toBe(200);
    const pool = await g.auctionPool();
    const s = await g.start({ poolId: pool.id });
    await stream.next((e) => e.event === 'session_started' && e.data.session.id === s.id);
  });

  const multiInstance = process.env.DATABASE_URL ? it : it.skip;
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  multiInstance(
    process.env.DATABASE_URL
      ? 'across instances with Redis: a client on app B sees a bid placed through app A'
      : 'across instances with Redis (skipped: needs DATABASE_URL, two apps cannot share the embedded database)',
    async () => {
      const appA = await startTestApp({ REDIS_URL: redisUrl });
      const appB = await startTestApp({ REDIS_URL: redisUrl });
      try {
        const ga = await createBiddingGuild(appA);
        const pool = await ga.auctionPool();
        const a = await ga.bidder(pool.id);
        const onB = await openEventStream(`${appB.baseUrl}/api/v1/orgs/${ga.slug}/dkp/bidding/events`, {
          authorization: `Bearer ${ga.readonly.token}`,
        });
        try {
          expect(onB.status).toBe(200);
          // give the subscription a moment to be in place on B
          await new Promise((r) => setTimeout(r, 200));
          const s = await ga.start({ poolId: pool.id });
          await ga.bid(s.id, a, { amount: '15' });
          const placed = await onB.next((e) => e.event === 'bid_placed' && e.data.sessionId === s.id);
          expect(placed.data).toMatchObject({ userId: a.id, amount: '15.00' });
          expect(onB.events.filter((e) => e.event === 'bid_placed' && e.data.sessionId === s.id)).toHaveLength(1);
        } finally {
          await onB.close();
        }
      } finally {
        await appA.close();
        await appB.close();
      }
    },
  );
});
