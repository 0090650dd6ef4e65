import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * IPv6 global unicast is 2000::/3 (RFC 4291, IANA). Everything outside it (the ::/8 block with
 * IPv4-compatible addresses, 64:ff9b:1::/48 local-use translation, 100::/64 discard, fc00::/7, fe80::/10,
 * ff00::/8, 5f00::/16 ...) is not a place a webhook can live, named by ipaddr.js or not.
 */
const IPV6_GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');
/** NAT64's well-known prefix: DNS64 on an IPv6-only host answers this for IPv4-only names. */
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * Whether `address` is a globally routable unicast address: the only kind a webhook may reach
 * when the public-only policy is on. ipaddr.js names RFC 6890's special-purpose ranges (and the
 * IANA registry's later additions): any address it does not call plain `unicast` is refused,
 * and so is IPv6 outside 2000::/3. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4
 * address it carries, and so is a NAT64 address (64:ff9b::/96, which the translator turns into
 * the IPv4 address in its last 32 bits). Anything but a plain IPv4 or IPv6 address (`net.isIP`)
 * is refused.
 */
export function isPublicAddress(address: string): boolean {
  if (!isIP(address)) return false;
  return isPublic(ipaddr.process(address));
}

function isPublic(parsed: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const ipv6 = parsed as ipaddr.IPv6;
  if (ipv6.match(NAT64_WELL_KNOWN)) return isPublic(ipaddr.fromByteArray(ipv6.toByteArray().slice(12)));
  return ipv6.range() === 'unicast' && ipv6.match(IPV6_GLOBAL_UNICAST);
}

/** Refusal of a target by the address policy; final (a retry would meet the same policy). */
export class TargetRefusedError extends Error {
  readonly code = 'ETARGETREFUSED';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`webhook target ${host} is not a public address (${address})`);
    this.name = 'TargetRefusedError';
  }
}

/** Resolves a host name to every address it has (what `dns.lookup(name, { all: true })` gives). */
export type TargetResolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: TargetResolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * The IP address a URL names literally (brackets stripped), or null when its host is a name.
 * `net.isIP` is the test Node uses to skip `lookup`, so every host is either this or looked up.
 */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? host : null;
}

/** Throws `TargetRefusedError` unless every address is public. */
export function assertPublic(host: string, addresses: readonly string[]): void {
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused !== undefined) throw new TargetRefusedError(host, refused);
}

/**
 * A `lookup` for `net.connect` (and so for an http/https Agent): resolves with `resolve` and, when
 * `publicOnly`, refuses the name if any of its addresses is not public. The socket then connects
 * to an address this very call returned, so a name cannot pass a check and then resolve again to
 * somewhere internal (DNS rebinding). Node skips `lookup` for literal IP hosts: check those with
 * `literalAddress` + `assertPublic` before connecting.
 */
export function guardedLookup(resolve: TargetResolver, publicOnly: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((all) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const addresses = family ? all.filter((a) => a.family === family) : all;
        if (!addresses.length) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
        if (publicOnly)
          assertPublic(
            hostname,
            addresses.map((a) => a.address),
          );
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, '', 0));
  };
}

/**
 * Why a target URL is refused at registration, or null. A literal address is judged at once; a
 * name is resolved once for early feedback, and a failed or slow resolution is not a refusal
 * (the name may not exist yet). This is advice only: every connection is checked again.
 */
export async function registrationRefusal(url: URL, resolve: TargetResolver, timeoutMs = 2000): Promise<string | null> {
  const literal = literalAddress(url);
  let addresses: string[];
  if (literal) {
    addresses = [literal];
  } else {
    const timeout = new Promise<LookupAddress[]>((done) => setTimeout(done, timeoutMs, []).unref());
    addresses = (await Promise.race([resolve(url.hostname).catch(() => []), timeout])).map((a) => a.address);
  }
  return addresses.some((address) => !isPublicAddress(address))
    ? 'url must point to a public address (not loopback, private, link-local or another special-purpose range)'
    : null;
}
