import { MemoryEventLog } from './event-log';

describe('MemoryEventLog', () => {
  let now = 0;
  const log = () => new MemoryEventLog({ maxEvents: 3, maxAgeMs: 1000 }, () => now);
  beforeEach(() => (now = 0));

  it('replays the events of a topic after an id, in order, never those of another topic', async () => {
    const l = log();
    const a1 = await l.append('a', 'x', { n: 1 });
    await l.append('b', 'x', { n: 'b' });
    const a2 = await l.append('a', 'x', { n: 2 });
    const a3 = await l.append('a', 'x', { n: 3 });
    expect(await l.read('a', a1.id)).toEqual({ head: a3.id, events: [a2, a3] });
    expect(await l.read('a', a3.id)).toEqual({ head: a3.id, events: [] });
    expect(await l.read('a')).toEqual({ head: a3.id, events: [] });
    expect((await l.read('b', a1.id)) as { events: unknown[] }).toMatchObject({ events: [{ data: { n: 'b' } }] });
    expect(l.compare(a1.id, a2.id)).toBeLessThan(0);
  });

  it('gives an empty topic the origin as its position: every later event follows it', async () => {
    const l = log();
    const { head } = await l.read('a');
    const e = await l.append('a', 'x', {});
    expect(await l.read('a', head)).toEqual({ head: e.id, events: [e] });
  });

  it('resets an id from another epoch, a future id or garbage', async () => {
    const [l, other] = [log(), log()];
    const e = await other.append('a', 'x', {});
    await l.append('a', 'x', {});
    expect(await l.read('a', e.id)).toMatchObject({ reset: 'unknown-id' });
    expect(await l.read('a', `${l.epoch}.99`)).toMatchObject({ reset: 'unknown-id' });
    expect(await l.read('a', 'garbage')).toMatchObject({ reset: 'unknown-id' });
    expect(l.compare('garbage', e.id)).toBe(false);
  });

  it('resets an id behind the window (count or age), not the last one dropped', async () => {
    const l = log();
    const [e1, e2] = [await l.append('a', 'x', {}), await l.append('a', 'x', {})];
    await l.append('a', 'x', {});
    await l.append('a', 'x', {});
    expect(await l.read('a', e1.id)).toMatchObject({ events: [{}, {}, {}] });
    await l.append('a', 'x', {});
    expect(await l.read('a', e1.id)).toMatchObject({ reset: 'too-old' });
    expect(await l.read('a', e2.id)).toMatchObject({ events: [{}, {}, {}] });
    now = 5000;
    const last = await l.append('a', 'x', {});
    expect(await l.read('a', e2.id)).toMatchObject({ reset: 'too-old' });
    expect(await l.read('a', last.id)).toEqual({ head: last.id, events: [] });
  });
});
