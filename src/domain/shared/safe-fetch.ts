import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { AppError } from './errors.ts';

/**
 * The one HTTP client for addresses that come from outside (oEmbed, embed
 * thumbnails; later the importer's --fetch-media): HOSTILE-INPUTS §1.14.
 * http(s) only, standard ports only, no userinfo; the name is resolved and
 * every address it resolves to must be public, and the socket connects to
 * the address we checked (the check sits in the connection's own lookup, so
 * a second resolution cannot rebind it). Redirects are followed by hand and
 * each hop is checked again. Time and size are capped; the caller says which
 * content types it takes.
 */
export interface SafeFetchOptions {
  /** Content types accepted (prefix match, e.g. `image/`). */
  accept: string[];
  maxBytes: number;
  timeoutMs?: number;
  maxRedirects?: number;
}

export interface FetchedBody {
  url: string;
  contentType: string;
  body: Buffer;
}

export type SafeFetch = (url: string, opts: SafeFetchOptions) => Promise<FetchedBody>;

export class UrlNotAllowedError extends AppError {
  constructor(message: string) {
    super('URL_NOT_ALLOWED', message);
  }
}

export class FetchFailedError extends Error {}

const BLOCKED = new net.BlockList();
for (const [net4, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(net4, bits, 'ipv4');
for (const [net6, bits] of [
  ['::', 128], ['::1', 128], ['::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) BLOCKED.addSubnet(net6, bits, 'ipv6');

/** An IPv4 address carried inside an IPv6 one (mapped, NAT64, 6to4) is judged as that IPv4 address. */
function embeddedIpv4(ip: string): string | null {
  const m = /^(?:::ffff:(?:0:)?|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return m[1];
  const groups = expandIpv6(ip);
  if (!groups) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return v4(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6], groups[7]);
  if (groups[0] === 0x2002) return v4(groups[1], groups[2]);
  return null;
}

function expandIpv6(ip: string): number[] | null {
  if (net.isIPv6(ip) === false) return null;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip)?.[1];
  let s = ip;
  if (tail) {
    const p = tail.split('.').map(Number);
    s = ip.slice(0, -tail.length) + `${((p[0] << 8) | p[1]).toString(16)}:${((p[2] << 8) | p[3]).toString(16)}`;
  }
  const [head, rest] = s.split('::');
  const h = head ? head.split(':') : [];
  const r = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const fill = rest !== undefined ? 8 - h.length - r.length : 0;
  const all = [...h, ...Array(fill).fill('0'), ...r].map((g) => parseInt(g, 16));
  return all.length === 8 && all.every((g) => g >= 0 && g <= 0xffff) ? all : null;
}

/** True for an address on the public internet; loopback, private, link-local, CGNAT, documentation and the like are not. */
export function isPublicAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return !BLOCKED.check(ip, 'ipv4');
  if (family !== 6) return false;
  const v4 = embeddedIpv4(ip);
  if (v4) return !BLOCKED.check(v4, 'ipv4');
  return !BLOCKED.check(ip, 'ipv6');
}

export interface SafeFetchSettings {
  /** Ports allowed besides the scheme's own (tests use a loopback port; production allows none). */
  extraPorts?: number[];
  /** Replaces isPublicAddress (tests allow one loopback address to stand for "the internet"). */
  isAllowedAddress?: (ip: string) => boolean;
}

export function createSafeFetch(settings: SafeFetchSettings = {}): SafeFetch {
  const allowed = settings.isAllowedAddress ?? isPublicAddress;
  const checkUrl = (raw: string): URL => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new UrlNotAllowedError('not an address');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UrlNotAllowedError(`${u.protocol} addresses are not fetched`);
    if (u.username || u.password) throw new UrlNotAllowedError('addresses with a user name are not fetched');
    if (u.port && !(settings.extraPorts ?? []).includes(Number(u.port))) throw new UrlNotAllowedError('only the standard web ports are fetched');
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) && !allowed(host)) throw new UrlNotAllowedError('that address is not on the public internet');
    // Names that are never public, whatever a resolver says: localhost (with or without the root dot) and single labels.
    if (!net.isIP(host) && (/(^|\.)localhost\.?$/i.test(host) || !/\.[^.]/.test(host))) throw new UrlNotAllowedError('that name is not on the public internet');
    return u;
  };
  const lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => !allowed(a.address));
      if (bad || !list.length) return callback(new UrlNotAllowedError('that name resolves to an address that is not on the public internet'), '', 4);
      // Node asks with `all` for happy eyeballs; either way it connects only to what we vetted.
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };

  const once = (u: URL, opts: SafeFetchOptions, deadline: number): Promise<{ redirect?: string; got?: FetchedBody }> =>
    new Promise((resolve, reject) => {
      const mod = u.protocol === 'https:' ? https : http;
      const left = Math.max(1, deadline - Date.now());
      const req = mod.request(u, { method: 'GET', lookup, agent: false, timeout: left, headers: { 'user-agent': 'Dateline (+embeds)', accept: opts.accept.join(', ') } }, (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          return resolve({ redirect: new URL(res.headers.location, u).href });
        }
        const type = String(res.headers['content-type'] ?? '').toLowerCase();
        if (status !== 200) return (res.resume(), reject(new FetchFailedError(`answered ${status}`)));
        if (!opts.accept.some((a) => type.startsWith(a))) return (res.resume(), reject(new FetchFailedError(`unexpected content type "${type.slice(0, 60)}"`)));
        if (Number(res.headers['content-length'] ?? 0) > opts.maxBytes) return (res.destroy(), reject(new FetchFailedError('too large')));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > opts.maxBytes) return (res.destroy(), reject(new FetchFailedError('too large')));
          chunks.push(c);
        });
        res.on('end', () => resolve({ got: { url: u.href, contentType: type, body: Buffer.concat(chunks) } }));
        res.on('error', reject);
      });
      const timer = setTimeout(() => req.destroy(new FetchFailedError('timed out')), left);
      req.on('timeout', () => req.destroy(new FetchFailedError('timed out')));
      req.on('error', (e) => reject(e));
      req.on('close', () => clearTimeout(timer));
      req.end();
    });

  return async (raw, opts) => {
    const deadline = Date.now() + (opts.timeoutMs ?? 5000);
    let url = raw;
    for (let hop = 0; hop <= (opts.maxRedirects ?? 3); hop++) {
      const step = await once(checkUrl(url), opts, deadline);
      if (step.got) return step.got;
      url = step.redirect!;
    }
    throw new FetchFailedError('too many redirects');
  };
}
