import { isIP } from 'node:net';

/** Strips what surrounds an address in sockets and headers: brackets, ports, the IPv4-mapped prefix. */
export function normalizeAddress(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let address = value.trim();
  if (address === '') return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(address))
    address = address.slice(0, address.lastIndexOf(':'));
  // An IPv6 zone (fe80::1%eth0) names a local interface; it means nothing upstream.
  address = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) address = mapped[1];
  return isIP(address) === 0 ? undefined : address;
}

/**
 * The end-user's IP address. With no trusted proxies it is the socket
 * address. With N trusted proxies in front of the server, the address is
 * read from `X-Forwarded-For` N hops back from the socket: entries further
 * left were written by the client and could be anything, so they are never
 * believed. Undefined when it cannot be known.
 */
export function resolveClientAddress(input: {
  socketAddress: string | undefined;
  forwardedFor: string | null;
  trustedProxyCount: number;
}): string | undefined {
  const socket = normalizeAddress(input.socketAddress);
  if (input.trustedProxyCount <= 0) return socket;
  // The chain as the last trusted proxy saw it: client, proxies..., then the socket peer.
  const forwarded = (input.forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const chain = [...forwarded, input.socketAddress ?? ''];
  const index = chain.length - 1 - input.trustedProxyCount;
  // Fewer hops than trusted proxies: the request did not come through all of them.
  if (index < 0) return undefined;
  return normalizeAddress(chain[index]);
}

/**
 * What an address is counted as by the per-address limits: an IPv4 address
 * itself, an IPv6 address its /64 network (`2001:db8:1:2::/64`). One IPv6
 * host is handed a whole /64 and may send every request from a new address in
 * it; counted one by one, its budget would never run out. An address that
 * embeds IPv4 (NAT64, `64:ff9b::192.0.2.1`) is counted whole, as the IPv4
 * hosts behind one translator share its prefix.
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6 || address.includes('.')) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
