import type { LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';
import {
  guardedLookup,
  isPublicAddress,
  registrationRefusal,
  TargetRefusedError,
  TargetResolver,
} from './webhook-target-guard';

/**
 * RFC 6890's special-purpose registries as IANA keeps them today (IPv4 and IPv6), plus the
 * non-unicast blocks (multicast, limited broadcast) and the deprecated site-local block.
 */
const SPECIAL_IPV4 = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8', // private
  '100.64.0.0/10', // shared address space (carrier-grade NAT)
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link local (cloud metadata)
  '172.16.0.0/12', // private
  '192.0.0.0/24', // IETF protocol assignments (DS-Lite, PCP/TURN anycast, NAT64 discovery)
  '192.0.0.0/29',
  '192.0.0.8/32',
  '192.0.0.9/32',
  '192.0.0.10/32',
  '192.0.0.170/32',
  '192.0.0.171/32',
  '192.0.2.0/24', // TEST-NET-1
  '192.31.196.0/24', // AS112-v4
  '192.52.193.0/24', // AMT
  '192.88.99.0/24', // deprecated 6to4 relay anycast
  '192.168.0.0/16', // private
  '192.175.48.0/24', // direct delegation AS112
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // TEST-NET-2
  '203.0.113.0/24', // TEST-NET-3
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved
  '255.255.255.255/32', // limited broadcast
];

const SPECIAL_IPV6 = [
  '::/128', // unspecified
  '::1/128', // loopback
  '::/96', // deprecated IPv4-compatible
  '::ffff:0:0/96', // IPv4-mapped (judged as the IPv4 address; here it carries 0.0.0.0/8 .. 255.255.255.255)
  '::ffff:0:0:0/96', // IPv4-translated
  '64:ff9b::/96', // IPv4/IPv6 translation (judged as the IPv4 address; here it carries 0.0.0.0 .. 255.255.255.255)
  '64:ff9b:1::/48', // local-use IPv4/IPv6 translation
  '100::/64', // discard-only
  '2001::/23', // IETF protocol assignments
  '2001::/32', // Teredo
  '2001:1::1/128', // port control protocol anycast
  '2001:1::2/128', // TURN anycast
  '2001:1::3/128', // DNS-SD SRP anycast
  '2001:2::/48', // benchmarking
  '2001:3::/32', // AMT
  '2001:4:112::/48', // AS112-v6
  '2001:10::/28', // deprecated ORCHID
  '2001:20::/28', // ORCHIDv2
  '2001:30::/28', // drone remote ID
  '2001:db8::/32', // documentation
  '2002::/16', // 6to4
  '2620:4f:8000::/48', // direct delegation AS112
  '3fff::/20', // documentation
  '5f00::/16', // segment routing SIDs
  'fc00::/7', // unique local
  'fe80::/10', // link local
  'fec0::/10', // deprecated site local
  'ff00::/8', // multicast
];

/** The first and last address of each range. */
function ends(cidr: string): string[] {
  const [address] = cidr.split('/');
  const family = ipaddr.IPv4.isValid(address) ? ipaddr.IPv4 : ipaddr.IPv6;
  return [family.networkAddressFromCIDR(cidr).toString(), family.broadcastAddressFromCIDR(cidr).toString()];
}

describe('webhook target guard', () => {
  describe('isPublicAddress', () => {
    it.each(SPECIAL_IPV4.flatMap((cidr) => ends(cidr).map((address) => [address, cidr])))(
      'refuses %s (%s)',
      (address) => expect(isPublicAddress(address)).toBe(false),
    );

    it.each(SPECIAL_IPV6.flatMap((cidr) => ends(cidr).map((address) => [address, cidr])))(
      'refuses %s (%s)',
      (address) => expect(isPublicAddress(address)).toBe(false),
    );

    it.each(SPECIAL_IPV4.filter((cidr) => cidr !== '0.0.0.0/8').flatMap(ends))(
      'refuses the IPv4-mapped form of %s',
      (address) => {
        const mapped = ipaddr.IPv4.parse(address).toIPv4MappedAddress();
        expect(isPublicAddress(mapped.toString())).toBe(false); // ::ffff:a9fe:a9fe
        expect(isPublicAddress(`::ffff:${address}`)).toBe(false); // ::ffff:169.254.169.254
        expect(isPublicAddress(mapped.toNormalizedString())).toBe(false); // 0:0:0:0:0:ffff:a9fe:a9fe
      },
    );

    it.each(['64:ff9b::a9fe:a9fe', '64:ff9b::7f00:1', '64:ff9b::c000:20a'])('refuses the NAT64 form %s', (address) =>
      expect(isPublicAddress(address)).toBe(false),
    );

    it.each(['fe80::1%eth0', 'not-an-ip', '', '127.0.0.1/8', '1.2.3'])('refuses %j', (address) =>
      expect(isPublicAddress(address)).toBe(false),
    );

    it.each([
      '8.8.8.8',
      '1.1.1.1',
      '93.184.215.14',
      '172.32.0.1', // just past 172.16.0.0/12
      '100.128.0.1', // just past 100.64.0.0/10
      '192.0.3.1', // just past TEST-NET-1
      '198.20.0.1', // just past 198.18.0.0/15
      '223.255.255.254', // just below multicast
      '::ffff:8.8.8.8',
      '64:ff9b::808:808', // NAT64 form of 8.8.8.8 (DNS64 on an IPv6-only host)
      '2606:4700:4700::1111',
      '2a00:1450:4001:80b::200e',
      '2c0f:fb50:4002::1',
    ])('allows %s', (address) => expect(isPublicAddress(address)).toBe(true));
  });

  describe('guardedLookup', () => {
    const fixed =
      (...addresses: string[]): TargetResolver =>
      async () =>
        addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));

    function lookup(resolve: TargetResolver, publicOnly: boolean, options: { all?: boolean; family?: number } = {}) {
      return new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((done) =>
        guardedLookup(resolve, publicOnly)('hook.test', options, (error, address, family) =>
          done({ error, address, family }),
        ),
      );
    }

    it('hands public answers to the socket, one address or all of them', async () => {
      expect(await lookup(fixed('8.8.8.8'), true)).toEqual({ error: null, address: '8.8.8.8', family: 4 });
      expect(await lookup(fixed('8.8.8.8', '2606:4700:4700::1111'), true, { all: true })).toMatchObject({
        error: null,
        address: [
          { address: '8.8.8.8', family: 4 },
          { address: '2606:4700:4700::1111', family: 6 },
        ],
      });
      expect(await lookup(fixed('8.8.8.8', '2606:4700:4700::1111'), true, { family: 6 })).toMatchObject({
        address: '2606:4700:4700::1111',
        family: 6,
      });
    });

    it('refuses a name when any of its addresses is not public', async () => {
      for (const answer of [['127.0.0.1'], ['8.8.8.8', '10.0.0.1'], ['::ffff:169.254.169.254'], ['192.0.2.10']]) {
        const { error } = await lookup(fixed(...answer), true, { all: true });
        expect(error).toBeInstanceOf(TargetRefusedError);
        expect(error?.code).toBe('ETARGETREFUSED');
      }
    });

    it('lets internal answers through when the policy is off', async () => {
      expect(await lookup(fixed('127.0.0.1'), false)).toEqual({ error: null, address: '127.0.0.1', family: 4 });
    });

    it('passes resolver errors on', async () => {
      const failing: TargetResolver = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
      expect((await lookup(failing, true)).error?.code).toBe('ENOTFOUND');
    });
  });

  describe('registrationRefusal', () => {
    const never: TargetResolver = () => new Promise(() => undefined);

    it('judges literal addresses without resolving', async () => {
      for (const url of [
        'https://169.254.169.254/latest',
        'https://[::1]:8443/hook',
        'https://[::ffff:10.0.0.1]/hook',
        'https://192.0.2.10/hook',
        'https://198.18.0.1/hook',
        'https://2130706433/hook', // 127.0.0.1 written as one number
      ]) {
        await expect(registrationRefusal(new URL(url), never)).resolves.toMatch(/public address/);
      }
      await expect(registrationRefusal(new URL('https://8.8.8.8/hook'), never)).resolves.toBeNull();
    });

    it('resolves names once, and does not refuse one it cannot resolve in time', async () => {
      const local: TargetResolver = async () => [{ address: '127.0.0.1', family: 4 }];
      await expect(registrationRefusal(new URL('https://rebind.test/hook'), local)).resolves.toMatch(/public/);
      await expect(registrationRefusal(new URL('https://slow.test/hook'), never, 20)).resolves.toBeNull();
      const failing: TargetResolver = () => Promise.reject(new Error('ENOTFOUND'));
      await expect(registrationRefusal(new URL('https://gone.test/hook'), failing)).resolves.toBeNull();
    });
  });
});
