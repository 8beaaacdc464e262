// The SSRF guard: only http and https, and never an address inside a network (loopback, private,
// link-local, unique-local, carrier-grade NAT, cloud metadata…) unless allow-listed. Checked twice: on every
// address DNS gives before connecting (the `lookup` given to the socket), and on the socket's remote address
// once connected, so DNS rebinding, IPv4-mapped IPv6 and redirects cannot get around it. Node's own
// net.BlockList does the matching (no library needed).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { FetchError } from './errors.ts';

const BLOCKED_V4 = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const;
// Besides loopback, unique- and link-local, multicast and documentation: the forms that carry an IPv4
// address inside IPv6 (IPv4-compatible ::/96, SIIT ::ffff:0:0:0/96, NAT64, 6to4 2002::/16, Teredo
// 2001::/32), since the address inside may be a private one. Mapped ::ffff:0:0/96 is not listed: BlockList
// matches every IPv4 address against it; normal() reads the IPv4 address out of it instead.
const BLOCKED_V6 = [
  ['::', 96], ['::1', 128], ['::ffff:0:0:0', 96], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['64:ff9b:1::', 48],
  ['2002::', 16], ['2001::', 32], ['2001:db8::', 32], ['fd00:ec2::', 32],
] as const;

const blocked = new BlockList();
for (const [a, p] of BLOCKED_V4) blocked.addSubnet(a, p, 'ipv4');
for (const [a, p] of BLOCKED_V6) blocked.addSubnet(a, p, 'ipv6');

/** Hosts and networks a deployment may reach although they are private (tests, an intranet). */
export interface AllowList {
  hosts: Set<string>;
  nets: BlockList;
}

/** "localhost, 127.0.0.1, 10.1.0.0/16" → an allow-list. */
export function parseAllowList(text: string | undefined): AllowList {
  const nets = new BlockList();
  const hosts = new Set<string>();
  for (const item of (text ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const [addr, bits] = item.split('/');
    const v = isIP(addr!);
    if (v) {
      if (bits) nets.addSubnet(addr!, Number(bits), v === 4 ? 'ipv4' : 'ipv6');
      else nets.addAddress(addr!, v === 4 ? 'ipv4' : 'ipv6');
    } else hosts.add(item);
  }
  return { hosts, nets };
}

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1, or ::ffff:a00:1 as URLs spell it) checked as the IPv4 address it carries. */
function normal(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const m = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m) return { address: m[1]!, family: 'ipv4' };
  const h = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (h) {
    const hi = Number.parseInt(h[1]!, 16);
    const lo = Number.parseInt(h[2]!, 16);
    return { address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: 'ipv4' };
  }
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

export function isPrivateAddress(address: string): boolean {
  const n = normal(address);
  return blocked.check(n.address, n.family);
}

function allowed(address: string, allow: AllowList): boolean {
  const n = normal(address);
  return allow.nets.check(n.address, n.family);
}

/** Refuses a URL before any connection: its scheme, and its host when it is an IP literal. */
export function checkUrl(raw: string, allow: AllowList): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('scheme', raw, 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('scheme', raw, `refused: ${url.protocol} URLs are not fetched (http and https only)`);
  if (url.username || url.password) throw new FetchError('scheme', raw, 'refused: URLs with credentials are not fetched');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) checkAddress(raw, host, url.hostname, allow);
  return url;
}

export function checkAddress(url: string, address: string, host: string, allow: AllowList): void {
  if (allow.hosts.has(host.toLowerCase()) || allowed(address, allow)) return;
  if (isPrivateAddress(address)) {
    throw new FetchError('private-address', url, `refused: ${host} is ${address}, a private or internal address (allow it with RIGHTSGRAPH_FETCH_ALLOW if you mean it)`);
  }
}

/** A dns.lookup for sockets that refuses private addresses (all of them checked, as the socket may use any). */
export function guardedLookup(url: string, allow: AllowList) {
  return (hostname: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      try {
        for (const a of addresses) checkAddress(url, a.address, hostname, allow);
      } catch (e) {
        return callback(e as Error, '');
      }
      if ((options as { all?: boolean }).all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
