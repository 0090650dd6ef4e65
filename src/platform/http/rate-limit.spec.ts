import { MemoryRateLimitStore, RedisRateLimitStore } from './rate-limit';

describe('MemoryRateLimitStore', () => {
  it('counts hits per key in fixed windows', () => {
    const store = new MemoryRateLimitStore();
    const t0 = 1_000_000;
    expect(store.hit('a', 60_000, t0)).toEqual({ count: 1, resetInMs: 60_000 });
    expect(store.hit('a', 60_000, t0 + 10_000)).toEqual({ count: 2, resetInMs: 50_000 });
    expect(store.hit('b', 60_000, t0 + 10_000)).toEqual({ count: 1, resetInMs: 60_000 });
    // The window ends: counting starts again.
    expect(store.hit('a', 60_000, t0 + 60_000)).toEqual({ count: 1, resetInMs: 60_000 });
  });

  it('sweeps expired windows so idle keys do not pile up', () => {
    const store = new MemoryRateLimitStore();
    const t0 = 5_000_000;
    for (let i = 0; i < 100; i++) store.hit(`ip:${i}`, 60_000, t0);
    expect(store.size).toBe(100);
    store.hit('late', 60_000, t0 + 61_000);
    expect(store.size).toBe(1);
  });
});

describe('RedisRateLimitStore', () => {
  it('falls back to counting in the process while Redis fails', async () => {
    const broken = { eval: () => Promise.reject(new Error('ECONNREFUSED')) };
    const store = new RedisRateLimitStore(broken as never);
    expect((await store.hit('k', 60_000)).count).toBe(1);
    expect((await store.hit('k', 60_000)).count).toBe(2);
  });
});
