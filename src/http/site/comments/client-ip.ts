import type { FastifyRequest } from 'fastify';
import { isIP } from 'node:net';

/**
 * The client address, trusting exactly `hops` proxies in front of us
 * (TRUST_PROXY_HOPS): the socket peer is hop 0, then X-Forwarded-For read
 * right to left. This Fastify version fails closed on a numeric trustProxy
 * (req.ip is always the socket peer), so comments resolve it here; an
 * attacker's extra X-Forwarded-For entries sit to the left and are never
 * reached (ASVS 4.1.3).
 */
export function clientIp(req: FastifyRequest, hops: number): string {
  const peer = req.raw.socket?.remoteAddress ?? req.ip;
  if (hops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .reverse();
  const addrs = [peer, ...chain];
  const picked = addrs[Math.min(hops, addrs.length - 1)];
  return isIP(picked) ? picked : peer;
}
