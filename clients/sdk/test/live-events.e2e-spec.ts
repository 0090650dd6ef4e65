import { biddingEvents, type BiddingEvent } from '@quartermaster/sdk';
import { createBiddingGuild } from '../../../test/support/dkp-bidding-fixtures';
import { startTestApp, TestApp } from '../../../test/support/test-app';

/** biddingEvents against the real app: a forced disconnect loses nothing. */
describe('@quartermaster/sdk biddingEvents (real server)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('resumes without loss across a forced disconnect, sending Last-Event-ID', async () => {
    const g = await createBiddingGuild(t);
    const pool = await g.auctionPool();
    const sent: (string | null)[] = [];
    let cut: () => void = () => undefined;
    let reopened: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (reopened = resolve));
    // Each connection can be cut by the test; the second one waits until the test lets it through.
    const cuttable: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      sent.push(request.headers.get('Last-Event-ID'));
      if (sent.length === 2) await gate;
      const controller = new AbortController();
      request.signal.addEventListener('abort', () => controller.abort(), { once: true });
      cut = () => controller.abort(new Error('connection cut by the test'));
      return fetch(request, { signal: controller.signal });
    };
    const stop = new AbortController();
    const events: BiddingEvent[] = [];
    let wake = () => undefined as void;
    const reading = (async () => {
      for await (const event of biddingEvents({
        baseUrl: t.baseUrl,
        token: g.readonly.token,
        org: g.slug,
        fetch: cuttable,
        signal: stop.signal,
      })) {
        events.push(event);
        wake();
      }
    })();
    const until = async (count: number) => {
      while (events.length < count) await new Promise<void>((resolve) => (wake = resolve));
    };

    const first = await g.start({ poolId: pool.id });
    await until(1);
    cut();
    const missed = [await g.start({ poolId: pool.id }), await g.start({ poolId: pool.id })];
    missed.push(await g.start({ poolId: pool.id }));
    reopened();
    await until(4);
    stop.abort();
    await reading;

    const sessions = events.map((e) => (e.type === 'session_started' ? e.data.session.id : e.type));
    expect(sessions).toEqual([first.id, ...missed.map((s) => s.id)]);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(events[0].id);
  });
});
