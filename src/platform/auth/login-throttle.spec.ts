import { LoginKeys, LoginLimits, lockDurationMs, MemoryLoginThrottleStore } from './login-throttle';

const limits: LoginLimits = {
  pairAttempts: 3,
  accountAttempts: 5,
  lockMs: 60_000,
  maxLockMs: 900_000,
  memoryMs: 3_600_000,
};
const keysFor = (ip: string): LoginKeys => ({ pair: `pair:u|${ip}`, account: 'account:u', trusted: `trusted:u|${ip}` });

describe('login throttle rules (memory store)', () => {
  let now = 1_000_000;
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());

  /** Attempts until the pair locks; returns the wait of the first refused attempt. */
  async function lockOut(store: MemoryLoginThrottleStore, keys: LoginKeys, rules = limits): Promise<number> {
    for (let i = 0; i < rules.pairAttempts; i++) expect(await store.attempt(keys, rules)).toBe(0);
    return store.attempt(keys, rules);
  }

  it('doubles the lock with each further lock, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((level) => lockDurationMs(level, limits) / 1000)).toEqual([
      60, 120, 240, 480, 900, 900,
    ]);
  });

  it('locks after the limit, lifts when the lock expires, and locks longer the next time', async () => {
    const store = new MemoryLoginThrottleStore();
    const keys = keysFor('192.0.2.1');
    // A roomy account-wide cap: this IP's attempts count there too.
    const rules = { ...limits, accountAttempts: 100 };
    expect(await lockOut(store, keys, rules)).toBe(60_000);
    now += 60_000;
    expect(await lockOut(store, keys, rules)).toBe(120_000);
  });

  it('a success clears the pair and exempts that IP from the account-wide cap', async () => {
    const store = new MemoryLoginThrottleStore();
    const home = keysFor('192.0.2.1');
    expect(await store.attempt(home, limits)).toBe(0);
    await store.succeeded(home);
    // Five other IPs reach the account cap: new IPs wait, home does not.
    for (let i = 0; i < limits.accountAttempts; i++)
      expect(await store.attempt(keysFor(`198.51.100.${i}`), limits)).toBe(0);
    expect(await store.attempt(keysFor('203.0.113.9'), limits)).toBe(60_000);
    expect(await store.attempt(home, limits)).toBe(0);
  });

  it('forgets counts after memoryMs without attempts', async () => {
    const store = new MemoryLoginThrottleStore();
    const keys = keysFor('192.0.2.7');
    await lockOut(store, keys);
    now += limits.memoryMs + 60_000;
    // Level 1 again: the first lock is the short one.
    expect(await lockOut(store, keys)).toBe(60_000);
  });
});
