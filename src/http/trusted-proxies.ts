import net from 'node:net';

export interface ProxyTrust {
  /** Fastify's trustProxy: whether the address `hop` steps from us may speak for the client. */
  trustProxy: false | ((addr: string, hop: number) => boolean);
  /** Whether a connection from this socket address comes from one of our proxies (so its X-Request-Id is kept). */
  fromProxy(socketAddr: string | undefined): boolean;
}

/**
 * Who may set X-Forwarded-For. With TRUSTED_PROXIES the socket address
 * must be one of them, so a client that reaches the port directly is taken
 * at its own address whatever headers it forges; TRUST_PROXY_HOPS then
 * says how many addresses to peel in all (a CDN in front of nginx: 2), and
 * without it every listed address in the chain is peeled. A hop count
 * alone (the older setting) trusts whoever connects, which is only safe
 * when nothing but the proxy can reach the port.
 */
export function proxyTrust(list: readonly string[], hops: number): ProxyTrust {
  if (list.length === 0) {
    if (hops <= 0) return { trustProxy: false, fromProxy: () => false };
    return { trustProxy: (_addr, hop) => hop < hops, fromProxy: (a) => a !== undefined };
  }
  const allowed = new net.BlockList();
  for (const entry of list) {
    const [addr, bits] = entry.split('/');
    const type = net.isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) allowed.addAddress(addr, type);
    else allowed.addSubnet(addr, Number(bits), type);
  }
  const listed = (raw: string | undefined): boolean => {
    if (!raw) return false;
    // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
    const addr = raw.startsWith('::ffff:') && net.isIPv4(raw.slice(7)) ? raw.slice(7) : raw;
    const family = net.isIP(addr);
    return family !== 0 && allowed.check(addr, family === 6 ? 'ipv6' : 'ipv4');
  };
  return {
    trustProxy: (addr, hop) => (hop === 0 ? listed(addr) : hops > 0 ? hop < hops : listed(addr)),
    fromProxy: listed,
  };
}
