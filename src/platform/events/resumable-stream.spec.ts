import { Subject } from 'rxjs';
import { MemoryEventLog, type ReplayResult } from './event-log';
import { type LiveEvent, resumableStream, type SseMessage } from './resumable-stream';

/** A stream over a memory log whose read the test completes by hand, to interleave live events. */
function setup() {
  const log = new MemoryEventLog();
  const live = new Subject<LiveEvent>();
  let finishRead: () => void = () => undefined;
  const read = log.read.bind(log);
  log.read = (topic, after) =>
    new Promise<ReplayResult>((resolve) => (finishRead = () => void read(topic, after).then(resolve)));
  const publish = async (topic: string, type: string) => {
    const event = await log.append(topic, type, {});
    live.next({ topic, ...event });
    return event;
  };
  return { log, live, publish, finish: () => finishRead() };
}

async function flush(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

describe('resumableStream', () => {
  it('sends retry and the head first, then live events of its topic only, each with its id', async () => {
    const s = setup();
    const before = await s.publish('a', 'old');
    const out: SseMessage[] = [];
    const sub = resumableStream({ topic: 'a', live: s.live, log: s.log, heartbeatMs: 60_000, retryMs: 3000 }).subscribe(
      (m) => out.push(m),
    );
    const during = await s.publish('a', 'during-read');
    await s.publish('b', 'other-topic');
    s.finish();
    await flush();
    const after = await s.publish('a', 'after');
    sub.unsubscribe();
    // the read saw `during` (it is the head), so it is not sent again; `before` is not replayed
    expect(out).toEqual([
      { id: during.id, retry: 3000 },
      { id: after.id, type: 'after', data: {} },
    ]);
    expect(before.id).not.toBe(during.id);
  });

  it('replays after Last-Event-ID, then the live events that came during the replay, none twice', async () => {
    const s = setup();
    const seen = await s.publish('a', 'seen');
    const missed = await s.publish('a', 'missed');
    const out: SseMessage[] = [];
    const sub = resumableStream({
      topic: 'a',
      live: s.live,
      log: s.log,
      lastEventId: seen.id,
      heartbeatMs: 60_000,
      retryMs: 3000,
    }).subscribe((m) => out.push(m));
    const during = await s.publish('a', 'during-read');
    s.finish();
    await flush();
    sub.unsubscribe();
    expect(out.map((m) => [m.type, m.id])).toEqual([
      [undefined, seen.id],
      ['missed', missed.id],
      ['during-read', during.id],
    ]);
  });

  it('sends a reset carrying the head when the id is unknown, and when the log cannot be read', async () => {
    const s = setup();
    const head = await s.publish('a', 'x');
    const out: SseMessage[] = [];
    const options = { topic: 'a', live: s.live, log: s.log, heartbeatMs: 60_000, retryMs: 3000 };
    const unknown = resumableStream({ ...options, lastEventId: 'bogus' }).subscribe((m) => out.push(m));
    s.finish();
    await flush();
    unknown.unsubscribe();
    expect(out[1]).toMatchObject({ id: head.id, type: 'reset', data: { reason: 'unknown-id' } });
    s.log.read = () => Promise.reject(new Error('down'));
    const failed: SseMessage[] = [];
    const errors: unknown[] = [];
    const sub = resumableStream({ ...options, lastEventId: head.id, onReadError: (e) => errors.push(e) }).subscribe(
      (m) => failed.push(m),
    );
    await flush();
    sub.unsubscribe();
    expect(failed).toEqual([
      { id: '', retry: 3000 },
      { id: '', type: 'reset', data: expect.objectContaining({ reason: 'unavailable' }) },
    ]);
    expect(errors).toHaveLength(1);
  });
});
