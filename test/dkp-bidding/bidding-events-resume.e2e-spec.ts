import { EventStreamParser, type ServerSentEvent } from '@quartermaster/sdk';
import { LiveEvents } from '../../src/platform/events/live-events';
import { biddingTopic } from '../../src/contexts/dkp/bidding/bidding.service';
import { BiddingGuild, createBiddingGuild } from '../support/dkp-bidding-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** A raw connection to the stream that keeps ids and `retry:` (what a reconnecting client relies on). */
async function connect(url: string, token: string, lastEventId?: string) {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${token}` };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const response = await fetch(url, { headers, signal: controller.signal });
  const parser = new EventStreamParser();
  const events: ServerSentEvent[] = [];
  let wake = () => undefined as void;
  const pump = (async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        events.push(...parser.push(decoder.decode(value, { stream: true })).filter((e) => e.type !== 'heartbeat'));
        wake();
      }
    } catch {
      // closed by the test
    }
  })();
  return {
    status: response.status,
    parser,
    events,
    /** Waits until `count` events (heartbeats aside) have arrived; the test's timeout bounds the wait. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the events are JSON read freely by the assertions
    async take(count: number): Promise<{ type: string; id?: string; data: Record<string, any> }[]> {
      while (events.length < count) await new Promise<void>((resolve) => (wake = resolve));
      return events.slice(0, count).map((e) => ({ type: e.type, id: e.id, data: JSON.parse(e.data) }));
    },
    /** Waits for the stream's start (`retry:` and the id to resume from), sent before any event. */
    async started(): Promise<void> {
      while (parser.retryMs === undefined) await new Promise<void>((resolve) => (wake = resolve));
    },
    async close(): Promise<void> {
      controller.abort();
      await pump;
    },
  };
}

async function takeUntil(stream: Awaited<ReturnType<typeof connect>>, text: string): Promise<ServerSentEvent[]> {
  for (let count = 1; ; count++) {
    await stream.take(count);
    if (stream.events[count - 1].data.includes(text)) return stream.events.slice(0, count);
  }
}

function suite(label: string, env: () => Record<string, string>) {
  describe(`DKP live bidding events resume (${label})`, () => {
    let t: TestApp;
    let g: BiddingGuild;
    let url: (slug: string) => string;
    beforeAll(async () => {
      t = await startTestApp(env());
      g = await createBiddingGuild(t);
      url = (slug) => `${t.baseUrl}/api/v1/orgs/${slug}/dkp/bidding/events`;
    });
    afterAll(() => t.close());

    it('starts with retry: 3000 and an id; replays exactly the events missed while disconnected', async () => {
      const pool = await g.auctionPool();
      const first = await connect(url(g.slug), g.readonly.token);
      await first.started();
      expect(first.parser.retryMs).toBe(3000);
      const s1 = await g.start({ poolId: pool.id });
      const [seen] = await first.take(1);
      expect(seen).toMatchObject({ type: 'session_started', data: { session: { id: s1.id } } });
      expect(seen.id).toMatch(/.+/);
      await first.close();

      const missed = [await g.start({ poolId: pool.id }), await g.start({ poolId: pool.id })];
      missed.push(await g.start({ poolId: pool.id }));
      const again = await connect(url(g.slug), g.readonly.token, seen.id);
      const replayed = await again.take(3);
      expect(replayed.map((e) => [e.type, e.data.session.id])).toEqual(missed.map((s) => ['session_started', s.id]));
      const ids = [seen.id!, ...replayed.map((e) => e.id!)];
      expect(new Set(ids).size).toBe(4);

      // live events follow the replay, and the query parameter resumes like the header
      const s5 = await g.start({ poolId: pool.id });
      expect((await again.take(4))[3].data.session.id).toBe(s5.id);
      await again.close();
      const byQuery = await connect(
        `${url(g.slug)}?lastEventId=${encodeURIComponent(replayed[2].id!)}`,
        g.readonly.token,
      );
      expect((await byQuery.take(1))[0]).toMatchObject({ id: again.events[3].id, data: { session: { id: s5.id } } });
      await byQuery.close();
    });

    it('a client that connected before any event and lost its connection still gets the events after it', async () => {
      const pool = await g.auctionPool();
      const quiet = await connect(url(g.slug), g.readonly.token);
      await quiet.started();
      const position = quiet.parser.lastEventId;
      await quiet.close();
      const s = await g.start({ poolId: pool.id });
      const back = await connect(url(g.slug), g.readonly.token, position);
      expect((await back.take(1))[0]).toMatchObject({ type: 'session_started', data: { session: { id: s.id } } });
      await back.close();
    });

    it('refuses a value that is no event id with 400', async () => {
      for (const bad of ['not-an-id', 'x'.repeat(12), '[a,b]']) {
        const res = await fetch(`${url(g.slug)}?lastEventId=${encodeURIComponent(bad)}`, {
          headers: { authorization: `Bearer ${g.readonly.token}` },
        });
        expect(res.status).toBe(400);
        const problem = (await res.json()) as { errors: { path: string }[] };
        expect(problem.errors).toEqual([expect.objectContaining({ path: 'lastEventId' })]);
      }
    });

    it('an unknown id gets a reset event carrying the id to resume from', async () => {
      // Well-formed, but from no epoch of this server (another instance, or before a restart).
      const stream = await connect(url(g.slug), g.readonly.token, 'zz0000.5');
      const [reset] = await stream.take(1);
      expect(reset).toMatchObject({ type: 'reset', data: { reason: 'unknown-id' } });
      const pool = await g.auctionPool();
      const s = await g.start({ poolId: pool.id });
      expect((await stream.take(2))[1]).toMatchObject({ type: 'session_started', data: { session: { id: s.id } } });
      await stream.close();
      // resuming from the reset's id works
      const back = await connect(url(g.slug), g.readonly.token, reset.id);
      expect((await back.take(1))[0].data.session.id).toBe(s.id);
      await back.close();
    });

    it('an id older than the replay window (1000 events) gets a reset', async () => {
      const start = await connect(url(g.slug), g.readonly.token);
      await start.started();
      const old = start.parser.lastEventId;
      await start.close();
      const live = t.app.get(LiveEvents);
      const org = await t.db.query(`SELECT id FROM orgs WHERE slug = $1`, [g.slug]);
      for (let i = 0; i < 1001; i++) live.publish(biddingTopic(org[0].id), 'session_cancelled', { sessionId: `${i}` });
      const stale = await connect(url(g.slug), g.readonly.token, old);
      expect((await stale.take(1))[0]).toMatchObject({ type: 'reset', data: { reason: 'too-old' } });
      await stale.close();
    });

    it("never replays another org's events", async () => {
      const pool = await g.auctionPool();
      const ours = await connect(url(g.slug), g.readonly.token);
      await ours.started();
      const position = ours.parser.lastEventId;
      await ours.close();
      const theirs = await connect(url(g.otherSlug), g.outsider.token);
      await theirs.started();
      const theirPosition = theirs.parser.lastEventId;
      await theirs.close();
      const s = await g.start({ poolId: pool.id });
      const [other] = await t.db.query(`SELECT id FROM orgs WHERE slug = $1`, [g.otherSlug]);
      // the other org, resuming from its own position or from ours, gets none of our events: its
      // stream reaches a marker published to it afterwards without passing ours
      for (const [i, from] of [theirPosition, position].entries()) {
        const stream = await connect(url(g.otherSlug), g.outsider.token, from);
        await stream.started();
        t.app.get(LiveEvents).publish(biddingTopic(other.id), 'session_cancelled', { sessionId: `marker-${i}` });
        const received = await takeUntil(stream, `marker-${i}`);
        expect(received.filter((e) => e.data.includes(s.id))).toEqual([]);
        await stream.close();
      }
    });
  });
}

suite('in memory', () => ({ REDIS_URL: '' }));
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
suite('Redis streams', () => ({ REDIS_URL: redisUrl }));

const twoApps = process.env.DATABASE_URL ? it : it.skip;
describe('DKP live bidding events resume across instances', () => {
  twoApps(
    process.env.DATABASE_URL
      ? 'with Redis: a client of app A resumes on app B with the events published through A'
      : 'with Redis across instances (skipped: needs DATABASE_URL, two apps cannot share the embedded database)',
    async () => {
      const appA = await startTestApp({ REDIS_URL: redisUrl });
      const appB = await startTestApp({ REDIS_URL: redisUrl });
      try {
        const g = await createBiddingGuild(appA);
        const pool = await g.auctionPool();
        const onA = await connect(`${appA.baseUrl}/api/v1/orgs/${g.slug}/dkp/bidding/events`, g.readonly.token);
        await onA.started();
        const position = onA.parser.lastEventId;
        await onA.close();
        const missed = [await g.start({ poolId: pool.id }), await g.start({ poolId: pool.id })];
        missed.push(await g.start({ poolId: pool.id }));
        const onB = await connect(
          `${appB.baseUrl}/api/v1/orgs/${g.slug}/dkp/bidding/events`,
          g.readonly.token,
          position,
        );
        const replayed = await onB.take(3);
        await onB.close();
        expect(replayed.map((e) => e.data.session.id)).toEqual(missed.map((s) => s.id));
      } finally {
        await appA.close();
        await appB.close();
      }
    },
  );
});
