import { loadConfig, parseTrustProxy } from '../config/app-config';
import { serverLimits } from './server-limits';

describe('server limits', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['1', 1],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 192.168.1.1,::1,fd00::/8,loopback', ['10.0.0.0/8', '192.168.1.1', '::1', 'fd00::/8', 'loopback']],
    ['true', null],
    ['10.0.0.0/33', null],
    ['proxy.example.com', null],
    ['127.0.0.1,', null],
  ])('TRUST_PROXY=%j parses to %j', (value, parsed) => {
    expect(parseTrustProxy(value)).toEqual(parsed);
  });

  it('refuses TRUST_PROXY=true at start, and trusts no proxy by default', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(serverLimits(loadConfig({})).trustProxy).toBe(false);
  });

  it('turns a hop count into a function trusting that many hops', () => {
    const trust = serverLimits(loadConfig({ TRUST_PROXY: '2' })).trustProxy as (
      address: string,
      hop: number,
    ) => boolean;
    expect([0, 1, 2].map((hop) => trust('203.0.113.1', hop))).toEqual([true, true, false]);
  });

  it('keeps the header and request timeouts apart from the idle timeout that streams outlive', () => {
    const limits = serverLimits(loadConfig({}));
    expect(limits).toMatchObject({ connectionTimeout: 120_000, keepAliveTimeout: 72_000, requestTimeout: 30_000 });
    expect(limits.http).toMatchObject({
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      connectionsCheckingInterval: 5_000,
    });
  });
});
