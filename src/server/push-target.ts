/**
 * Where the server may send a Web Push: only to a public push service (FCM, Mozilla, Apple, WNS…),
 * never to this machine or the network it sits in. A subscription's endpoint comes from the
 * device, so without this a learner could make the server connect wherever they like (SSRF): a
 * manager's nudge would reach `https://127.0.0.1:6379/` or a cloud metadata address.
 *
 * Checked twice:
 * - when a device subscribes: https, the default port, a host that is a public address or a name
 *   that is not local (`localhost`, `.local`, …) and does not resolve to a non-public address;
 * - when a push is sent: the URL again, and the connection's own DNS answer (the agent's
 *   `lookup`), so the address connected to is the one checked and a name that resolved to a public
 *   address at subscription cannot be rebound to a local one later.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { parse as legacyParse } from 'node:url';
import type { ErrorKey } from '../core/phrases/errors';

/** Addresses that are not on the public internet (IANA special-purpose registries). */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated)
  ['64:ff9b::', 96], // NAT64 to any IPv4, local ones included
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');

const MAPPED_V4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** True for an IP address on the public internet; IPv4-mapped IPv6 is judged by its IPv4. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = MAPPED_V4.exec(bare);
    if (mapped) return isPublicAddress(mapped[1]!);
    if (/^::ffff:/i.test(bare)) return false; // mapped, written in hex: refuse rather than decode
  }
  return !NOT_PUBLIC.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** Names that only mean something on this machine or its network (RFC 6761, 6762, 8375). */
const LOCAL_NAME = /(?:^|\.)(?:localhost|local|internal|intranet|lan|home\.arpa|localdomain)$/;

/** True for a host name that cannot be public: no dot, or a name local by convention. */
export const isLocalName = (host: string) =>
  !host.includes('.') || LOCAL_NAME.test(host.replace(/\.$/, ''));

/** What the push targets may be: the public rule in production; tests may allow their listener. */
export interface PushTargets {
  /** Why this endpoint URL is refused (an errors catalog key), or undefined when it may be used. */
  checkUrl(endpoint: string): ErrorKey | undefined;
  /** Whether the server may connect to this resolved address. */
  allowsAddress(address: string): boolean;
}

/** `text` as a URL, or undefined when it is not one. */
export function urlOf(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** A URL's host without the brackets of an IPv6 literal. */
export const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Whether `host` is public: a public address, or a name that is not a local one. */
export const isPublicHost = (host: string) =>
  isIP(host) ? isPublicAddress(host) : !isLocalName(host);

export const publicPushTargets: PushTargets = {
  checkUrl(endpoint) {
    const url = urlOf(endpoint);
    if (!url || url.protocol !== 'https:' || url.username || url.password)
      return 'error.push.endpoint';
    if (url.port !== '' && url.port !== '443') return 'error.push.endpoint';
    // web-push connects to the legacy parser's host: both parsers must agree on it.
    const legacy = legacyParse(endpoint).hostname ?? '';
    const host = bareHost(url);
    if (legacy.toLowerCase() !== host) return 'error.push.endpoint';
    return isPublicHost(host) ? undefined : 'error.push.endpoint';
  },
  allowsAddress: isPublicAddress,
};

const lookupAll = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

/**
 * The subscription-time check: the URL, and where its name resolves now. A name DNS does not
 * answer for now is left to the send-time check, which never connects without one.
 */
export async function checkPushEndpoint(
  endpoint: string,
  targets: PushTargets,
  resolve: (host: string) => Promise<LookupAddress[]> = lookupAll,
): Promise<ErrorKey | undefined> {
  const refused = targets.checkUrl(endpoint);
  if (refused) return refused;
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return targets.allowsAddress(host) ? undefined : 'error.push.endpoint';
  try {
    const addresses = await resolve(host);
    return addresses.every((a) => targets.allowsAddress(a.address))
      ? undefined
      : 'error.push.endpoint';
  } catch {
    return undefined; // no answer now: the send-time check decides where it may connect
  }
}

/** The error a refused address gives the connection: the push is not sent. */
export class RefusedPushAddress extends Error {
  readonly code = 'EPUSHTARGET';
}

/**
 * An HTTPS agent whose connections resolve names through the check: every address DNS answers
 * must be allowed, and the socket connects to those very addresses. (Node does not call `lookup`
 * for an IP literal, which is why `checkUrl` judges literals itself before any send.)
 */
export function pushAgent(targets: PushTargets, ca?: string | Buffer): Agent {
  const lookup = ((host, options, callback) => {
    dnsLookup(host, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const refused = addresses.find((a) => !targets.allowsAddress(a.address));
      if (refused || addresses.length === 0)
        return callback(
          new RefusedPushAddress(
            `push target ${host} resolves to ${refused?.address ?? 'nothing'}`,
          ),
          '',
          4,
        );
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as LookupFunction;
  return new Agent({ lookup, ...(ca ? { ca } : {}) });
}
