import { closeCheckingLedger, expectLedgerConsistent } from '../support/dkp-fixtures';
import { Bidder, BiddingGuild, cents, createBiddingGuild } from '../support/dkp-bidding-fixtures';
import { randomUUID } from 'node:crypto';
import { startAppWith } from '../support/app-with';
import { http } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Concurrency and retries. On the embedded database every statement is serialized, so these
 * mostly prove the logic; on a real Postgres (DATABASE_URL) the requests really interleave.
 */
describe('DKP live bidding under concurrency', () => {
  let t: TestApp;
  let g: BiddingGuild;
  // These tests are about correctness under contention, not overload: hundreds of bids on one
  // session are serialized by its row lock, and on a busy 2-core machine the last ones can wait
  // longer for a pooled connection (or the lock) than the defaults (5 s, 15 s), which rightly answers 503 (the outage
  // tests cover that). A longer wait keeps every request in the race.
  beforeAll(
    async () =>
      ({ t, g } = await startAppWith(createBiddingGuild, {
        DATABASE_CONNECT_TIMEOUT_MS: '120000',
        DATABASE_STATEMENT_TIMEOUT_MS: '120000',
      })),
  );
  afterAll(() => closeCheckingLedger(t));

  const BIDDERS = 40;
  const ROUNDS = 5;

  it(`${BIDDERS * ROUNDS} concurrent bids on one session: valid sequence, one correct winner, one debit`, async () => {
    const pool = await g.auctionPool({ minIncrement: '1', antiSnipeSeconds: 0 });
    const bidders: Bidder[] = [];
    for (let i = 0; i < BIDDERS; i++) bidders.push(await g.bidder(pool.id, '1000'));
    const s = await g.start({ poolId: pool.id, minBid: '1', closesAt: new Date(Date.now() + 600_000).toISOString() });
    // bidder i, round r bids r*BIDDERS + i + 1 (distinct, rising per bidder); some through the bot key
    const calls = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (let i = 0; i < BIDDERS; i++) {
        const amount = String(r * BIDDERS + i + 1);
        const b = bidders[i];
        calls.push(
          i % 4 === 0
            ? g.bid(s.id, { apiKey: g.biddingBotKey }, { amount, discordId: b.discordId })
            : g.bid(s.id, b, { amount }),
        );
      }
    }
    const results = await Promise.all(calls);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((st) => st !== 201 && st !== 409)).toEqual([]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.type).toMatch(/bid-too-low$/);
    const accepted = results.filter((r) => r.status === 201).map((r) => r.body.bid);
    expect(accepted.length).toBeGreaterThan(0);

    const detail = await g.detail(s.id);
    expect(detail.bidCount).toBe(accepted.length);
    expect(detail.bids).toHaveLength(accepted.length);
    const top = Math.max(...accepted.map((b: any) => cents(b.amount)));
    expect(cents(detail.leadingAmount)).toBe(top);
    // Open, one item: every accepted bid beat everything before it, so the commit order is the
    // amount order, and in that order each bid must beat the leader by the increment (another
    // bidder) or rise (the leader). The stored times must agree with that order.
    const chronological = [...detail.bids].sort((a: any, b: any) => a.createdAt.localeCompare(b.createdAt) || 0);
    const byAmount = [...detail.bids].sort((a: any, b: any) => cents(a.amount) - cents(b.amount));
    expect(chronological.map((b: any) => b.id)).toEqual(byAmount.map((b: any) => b.id));
    let leader: { userId: string; amount: number } | null = null;
    for (const b of byAmount) {
      const amount = cents(b.amount);
      if (leader)
        expect(amount).toBeGreaterThanOrEqual(leader.userId === b.userId ? leader.amount + 1 : leader.amount + 100);
      else expect(amount).toBeGreaterThanOrEqual(100);
      leader = { userId: b.userId, amount };
    }
    const topBid = byAmount.at(-1);

    const closed = (await g.close(s.id)).body;
    expect(closed.winners).toEqual([
      expect.objectContaining({ userId: topBid.userId, bid: topBid.amount, price: topBid.amount }),
    ]);
    const awarded = (await g.award(s.id)).body;
    const lootId = awarded.winners[0].lootId;
    const winnerLedger = (await g.ledger(topBid.userId)).filter((r: any) => r.kind === 'loot');
    expect(winnerLedger).toEqual([expect.objectContaining({ amount: `-${topBid.amount}`, lootId })]);
    expect(cents((await g.balance(topBid.userId, pool.id)).balance)).toBe(100_000 - top);
    for (const b of bidders.filter((x) => x.id !== topBid.userId).slice(0, 5))
      expect((await g.balance(b, pool.id)).balance).toBe('1000.00');
    await expectLedgerConsistent(t);
  });

  it('200 concurrent sealed bids: every one is accepted and the latest of each bidder counts', async () => {
    const pool = await g.auctionPool({ auctionMode: 'sealed', antiSnipeSeconds: 0 });
    const bidders: Bidder[] = [];
    for (let i = 0; i < BIDDERS; i++) bidders.push(await g.bidder(pool.id, '1000'));
    const s = await g.start({ poolId: pool.id, closesAt: new Date(Date.now() + 600_000).toISOString() });
    const results = await Promise.all(
      Array.from({ length: BIDDERS * ROUNDS }, (_, k) =>
        g.bid(
          s.id,
          { apiKey: g.biddingBotKey },
          { amount: String(1 + (k % 7) * 10 + Math.floor(k / BIDDERS)), discordId: bidders[k % BIDDERS].discordId },
        ),
      ),
    );
    expect(results.map((r) => r.status).filter((st) => st !== 201)).toEqual([]);
    const detail = await g.detail(s.id);
    expect(detail.bidCount).toBe(BIDDERS * ROUNDS);
    // each bidder's counting bid is the one with the latest time; that is the one closing uses
    const latest = new Map<string, any>();
    for (const b of [...detail.bids].sort((a: any, b: any) => a.createdAt.localeCompare(b.createdAt)))
      latest.set(b.userId, b);
    expect(new Set(detail.bids.map((b: any) => b.createdAt)).size).toBe(BIDDERS * ROUNDS);
    const best = [...latest.values()].sort(
      (a, b) => cents(b.amount) - cents(a.amount) || a.createdAt.localeCompare(b.createdAt),
    )[0];
    const closed = (await g.close(s.id)).body;
    expect(closed.winners).toEqual([expect.objectContaining({ userId: best.userId, bid: best.amount })]);
  });

  it('20 concurrent close calls: one effect; 20 concurrent award calls: one debit', async () => {
    const pool = await g.auctionPool();
    const [a, b] = [await g.bidder(pool.id), await g.bidder(pool.id)];
    const s = await g.start({ poolId: pool.id });
    await g.bid(s.id, a, { amount: '10' });
    await g.bid(s.id, b, { amount: '35' });
    const closes = await Promise.all(Array.from({ length: 20 }, () => g.close(s.id)));
    expect(closes.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const r of closes) expect(r.body).toEqual(closes[0].body);
    expect(closes[0].body.winners).toEqual([expect.objectContaining({ userId: b.id, price: '35.00' })]);
    const awards = await Promise.all(
      Array.from({ length: 20 }, (_, i) => g.award(s.id, i % 2 ? { 'idempotency-key': `award-${s.id}` } : undefined)),
    );
    // a concurrent replay of the same Idempotency-Key may be told to retry (409 in progress)
    for (const r of awards) {
      if (r.status === 409) expect(r.body.type).toMatch(/idempotency-in-progress$/);
      else expect(r.status).toBe(200);
    }
    const ok = awards.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(10);
    for (const r of ok) expect(r.body).toEqual(ok[0].body);
    expect(ok[0].body.status).toBe('awarded');
    const loot = (await g.ledger(b)).filter((r: any) => r.kind === 'loot');
    expect(loot).toEqual([expect.objectContaining({ amount: '-35.00', lootId: ok[0].body.winners[0].lootId })]);
    expect((await g.balance(b, pool.id)).balance).toBe('65.00');
    expect((await g.balance(a, pool.id)).balance).toBe('100.00');
  });

  it('a user bidding at once in several sessions of a pool never commits more than their balance', async () => {
    const pool = await g.auctionPool({ antiSnipeSeconds: 0 });
    const u = await g.bidder(pool.id, '100');
    const sessions = [];
    for (let i = 0; i < 4; i++) sessions.push(await g.start({ poolId: pool.id }));
    // 4 sessions × 5 amounts (30..70): any two would exceed 100
    const results = await Promise.all(
      sessions.flatMap((s) => [30, 40, 50, 60, 70].map((amount) => g.bid(s.id, u, { amount: String(amount) }))),
    );
    expect(results.map((r) => r.status).filter((st) => st !== 201 && st !== 409)).toEqual([]);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body.type).toMatch(/bid-too-low$|bid-exceeds-balance$/);
    const leading = [];
    for (const s of sessions) {
      const d = await g.detail(s.id);
      if (d.leadingAmount) leading.push(cents(d.leadingAmount));
    }
    expect(leading.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(10_000);
    const max = await g.ok(g.readonly, 'GET', `/bidding/users/${u.discordId}/max-bid`, { query: { poolId: pool.id } });
    expect(cents(max.committed)).toBe(leading.reduce((x, y) => x + y, 0));
    expect(cents(max.maxBid)).toBeGreaterThanOrEqual(0);
    // then all sessions close and are awarded at once: the total debit fits the balance
    await Promise.all(sessions.map((s) => g.close(s.id)));
    const awards = await Promise.all(sessions.map((s) => g.award(s.id)));
    expect(awards.map((r) => r.status)).toEqual(Array(sessions.length).fill(200));
    expect(cents((await g.balance(u, pool.id)).balance)).toBe(10_000 - leading.reduce((x, y) => x + y, 0));
  });

  it("two users racing across two sessions of a pool: each one's leads stay within their balance", async () => {
    const pool = await g.auctionPool({ antiSnipeSeconds: 0, minIncrement: '1' });
    const [u, v] = [await g.bidder(pool.id, '100'), await g.bidder(pool.id, '100')];
    const [A, B] = [await g.start({ poolId: pool.id }), await g.start({ poolId: pool.id })];
    const calls = [];
    for (let amount = 10; amount <= 90; amount += 10) {
      for (const s of [A, B])
        for (const w of [u, v]) calls.push(g.bid(s.id, w, { amount: String(amount + (w === u ? 0 : 5)) }));
    }
    const results = await Promise.all(calls);
    expect(results.map((r) => r.status).filter((st) => st !== 201 && st !== 409)).toEqual([]);
    for (const w of [u, v]) {
      const max = await g.ok(g.readonly, 'GET', `/bidding/users/${w.discordId}/max-bid`, {
        query: { poolId: pool.id },
      });
      expect(cents(max.committed)).toBeLessThanOrEqual(10_000);
      expect(cents(max.balance) - cents(max.committed)).toBe(cents(max.maxBid));
    }
  });

  // Bids are placed in groups (a transaction for the bids that arrived meanwhile): each one keeps
  // its own Idempotency-Key result and audit entry.
  it('bids with Idempotency-Keys, each sent twice at once: one bid per key, one answer, one audit entry per bid', async () => {
    const pool = await g.auctionPool({ auctionMode: 'sealed', antiSnipeSeconds: 0 });
    const bidders: Bidder[] = [];
    for (let i = 0; i < 12; i++) bidders.push(await g.bidder(pool.id, '1000'));
    const s = await g.start({ poolId: pool.id, closesAt: new Date(Date.now() + 600_000).toISOString() });
    const keys = bidders.map(() => randomUUID());
    const send = (i: number) =>
      g.bid(
        s.id,
        { apiKey: g.biddingBotKey },
        { amount: String(10 + i), discordId: bidders[i].discordId },
        { 'idempotency-key': keys[i] },
      );
    const results = await Promise.all(bidders.flatMap((_, i) => [send(i), send(i)]));
    const bidIds: string[] = [];
    for (let i = 0; i < bidders.length; i++) {
      const pair = [results[2 * i], results[2 * i + 1]];
      const created = pair.filter((r) => r.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const r of pair.filter((x) => x.status !== 201)) expect(r.body.type).toMatch(/idempotency-in-progress$/);
      expect(new Set(created.map((r) => r.body.bid.id)).size).toBe(1);
      bidIds.push(created[0].body.bid.id);
      expect(created[0].body.bid.amount).toBe(`${10 + i}.00`);
    }
    // Retried once more after the fact: the stored answer.
    const again = await Promise.all(bidders.map((_, i) => send(i)));
    expect(again.map((r) => r.body.bid?.id)).toEqual(bidIds);
    const detail = await g.detail(s.id);
    expect(detail.bidCount).toBe(bidders.length);
    expect(detail.bids.map((b: { id: string }) => b.id).sort()).toEqual([...bidIds].sort());
    const [{ entries }] = await t.db.query(
      `SELECT count(*)::int AS entries FROM audit_log WHERE action = 'placeBid' AND target_id = $1`,
      [s.id],
    );
    expect(entries).toBe(bidders.length);
  });

  // Two instances of the API: their groups of bids serialize on the session's row in the database.
  (process.env.DATABASE_URL ? it : it.skip)(
    'two instances taking bids on one open session at once: a valid sequence and one winner',
    async () => {
      const other = await startTestApp({
        DATABASE_CONNECT_TIMEOUT_MS: '120000',
        DATABASE_STATEMENT_TIMEOUT_MS: '120000',
      });
      try {
        const pool = await g.auctionPool({ minIncrement: '1', antiSnipeSeconds: 0 });
        const bidders: Bidder[] = [];
        for (let i = 0; i < 20; i++) bidders.push(await g.bidder(pool.id, '1000'));
        const s = await g.start({
          poolId: pool.id,
          minBid: '1',
          closesAt: new Date(Date.now() + 600_000).toISOString(),
        });
        const path = `/api/v1/orgs/${g.slug}/dkp/bidding/sessions/${s.id}/bids`;
        const calls = [];
        for (let k = 0; k < 120; k++) {
          const body = { amount: String(k + 1), discordId: bidders[k % bidders.length].discordId };
          calls.push(http(k % 2 ? other : t, { apiKey: g.biddingBotKey }, 'POST', path, { body }));
        }
        const results = await Promise.all(calls);
        expect(results.map((r) => r.status).filter((st) => st !== 201 && st !== 409)).toEqual([]);
        const accepted = results.filter((r) => r.status === 201).map((r) => r.body.bid);
        const detail = await g.detail(s.id);
        expect(detail.bidCount).toBe(accepted.length);
        type Placed = { userId: string; amount: string; createdAt: string };
        const chronological = [...(detail.bids as Placed[])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        let leader: { userId: string; amount: number } | null = null;
        for (const b of chronological) {
          const amount = cents(b.amount);
          if (leader) expect(amount).toBeGreaterThanOrEqual(leader.amount + (leader.userId === b.userId ? 1 : 100));
          leader = { userId: b.userId, amount };
        }
        const closed = (await g.close(s.id)).body;
        expect(closed.winners).toEqual([expect.objectContaining({ userId: leader!.userId })]);
      } finally {
        await other.close();
      }
    },
  );
});
