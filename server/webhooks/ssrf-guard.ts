import { BlockList, isIP } from 'node:net';
import dns from 'node:dns';
import { fail, ok, type Result } from '../../domain/result';

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Lookup = (hostname: string, options: { all: true }) => Promise<{ address: string; family: number }[]>;

// Addresses a webhook must never reach: they lead into Kumori's own network or host, not the internet.
const forbidden = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 reaches localhost on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, holds the cloud metadata address 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, holds the broadcast address
] as const) {
  forbidden.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ['100::', 64], // discard
  ['2001:db8::', 32],
  ['fc00::', 7], // unique-local, holds AWS's IPv6 metadata address fd00:ec2::254
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8], // multicast
] as const) {
  forbidden.addSubnet(net, prefix, 'ipv6');
}

/**
 * Whether a webhook may be delivered to `url`, checked at delivery time on every attempt (DNS answers
 * change). Every address the host resolves to is checked, and one forbidden address refuses them all.
 *
 * The deliverer must connect to the returned address (e.g. a `lookup` option answering it, keeping the
 * URL's host for the Host header and TLS name) rather than resolving the name again: a second lookup
 * could answer a private address (DNS rebinding) after this check passed.
 *
 * `allowPrivate` (WEBHOOK_ALLOW_PRIVATE) lifts the address ranges for self-hosters on a LAN, and tests.
 */
export async function checkDeliveryTarget(
  url: string,
  options: { allowPrivate: boolean; lookup?: Lookup },
): Promise<Result<ResolvedAddress>> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('invalid', 'The webhook URL is not a valid URL.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return fail('forbidden', 'Webhook URLs must use http or https.');
  if (parsed.username || parsed.password) return fail('forbidden', 'Webhook URLs must not contain credentials.');

  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) as 4 | 6 }];
  } else {
    try {
      const lookup = options.lookup ?? (dns.promises.lookup as Lookup);
      const answers = await lookup(host, { all: true });
      addresses = answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
    } catch {
      addresses = [];
    }
    // A failed lookup is the endpoint's trouble, not a refusal: the attempt fails and is retried.
    if (addresses.length === 0) return fail('unavailable', `The webhook host ${host} could not be resolved.`);
  }

  if (!options.allowPrivate) {
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad) return fail('forbidden', `Webhooks may not be sent to private, loopback or link-local addresses (${host} is ${bad.address}).`);
  }
  return ok(addresses[0]!);
}

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return forbidden.check(address, 'ipv4');
  if (family !== 6) return true;
  if (forbidden.check(address, 'ipv6')) return true;
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach the embedded IPv4 one.
  const embedded = embeddedIPv4(address);
  return embedded !== null && forbidden.check(embedded, 'ipv4');
}

function embeddedIPv4(address: string): string | null {
  const words = expandIPv6(address);
  const isMapped = words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff;
  const isNat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0);
  if (!isMapped && !isNat64) return null;
  return [words[6]! >> 8, words[6]! & 0xff, words[7]! >> 8, words[7]! & 0xff].join('.');
}

/** The eight 16-bit words of a valid IPv6 address, with `::` and a dotted IPv4 tail expanded. */
function expandIPv6(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((w) => parseInt(w, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
