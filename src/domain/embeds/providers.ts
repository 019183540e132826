/**
 * The one allow-list of embeds: which addresses may become an `embed` node,
 * the player each one opens and the frame origin that player needs in the
 * page's CSP. The server (validator, renderer, CSP, feeds, import, Markdown)
 * and the editor bundle (paste) read this same file, so nothing the editor
 * offers is refused on save and nothing the server renders is unknown to
 * the editor. It has no imports: esbuild bundles it for the browser as is.
 *
 * Player addresses are always rebuilt from the few characters we extracted
 * and checked (a video id, a track path), never copied from the address the
 * writer pasted, so a pasted address cannot steer the frame anywhere else.
 */

export interface EmbedTarget {
  provider: EmbedProvider;
  /** The address as we store and link it: rebuilt, https, no userinfo, no port. */
  url: string;
  /** What the reader's click loads in a frame; null: the player comes from oEmbed (configured providers). */
  player: string | null;
}

export interface EmbedProvider {
  id: string;
  name: string;
  /** The origin of every player address this provider yields (the CSP's frame-src). */
  frameOrigin: string;
  /** oEmbed endpoint for the title and thumbnail; the page's address is appended as `url=`. */
  oembed?: string;
  /** True for operator-configured oEmbed providers, whose player address comes from their oEmbed answer. */
  configured?: boolean;
  match(u: URL): Omit<EmbedTarget, 'provider'> | null;
}

/** An operator's oEmbed provider (EMBED_PROVIDERS): oEmbed-style `schemes` with `*` wildcards. */
export interface ConfiguredProvider {
  id: string;
  name: string;
  schemes: string[];
  oembed: string;
  frameOrigin: string;
}

export const MAX_EMBED_URL = 2048;

const enc = encodeURIComponent;
const segs = (u: URL) => u.pathname.split('/').filter(Boolean);

const YT_ID = /^[A-Za-z0-9_-]{11}$/;
function youtube(u: URL) {
  const s = segs(u);
  let id: string | null = null;
  if (u.hostname === 'youtu.be') id = s.length === 1 ? s[0] : null;
  else if (s.length === 1 && s[0] === 'watch') id = u.searchParams.get('v');
  else if (s.length === 2 && ['shorts', 'embed', 'live', 'v'].includes(s[0])) id = s[1];
  if (!id || !YT_ID.test(id)) return null;
  const start = /^\d{1,6}$/.exec((u.searchParams.get('t') ?? u.searchParams.get('start') ?? '').replace(/s$/, ''))?.[0];
  return {
    url: `https://www.youtube.com/watch?v=${id}${start ? `&t=${start}` : ''}`,
    player: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1${start ? `&start=${start}` : ''}`,
  };
}

function vimeo(u: URL) {
  const s = segs(u);
  const i = u.hostname === 'player.vimeo.com' ? (s[0] === 'video' ? 1 : -1) : s[0] === 'channels' && s.length >= 3 ? 2 : 0;
  const id = i >= 0 ? s[i] : undefined;
  if (!id || !/^\d{1,12}$/.test(id)) return null;
  const h = s[i + 1] ?? u.searchParams.get('h') ?? '';
  const hash = /^[0-9a-f]{6,20}$/.test(h) ? h : '';
  if (s.length > i + (hash && s[i + 1] ? 2 : 1)) return null;
  return {
    url: `https://vimeo.com/${id}${hash ? `/${hash}` : ''}`,
    player: `https://player.vimeo.com/video/${id}?autoplay=1&dnt=1${hash ? `&h=${hash}` : ''}`,
  };
}

function tweet(u: URL) {
  const s = segs(u);
  if (s.length < 3 || !/^[A-Za-z0-9_]{1,15}$/.test(s[0]) || s[1] !== 'status' || !/^\d{1,20}$/.test(s[2])) return null;
  if (s.length > 3 && !(s.length <= 5 && ['photo', 'video'].includes(s[3]))) return null;
  return { url: `https://x.com/${s[0]}/status/${s[2]}`, player: `https://platform.twitter.com/embed/Tweet.html?id=${s[2]}&dnt=true` };
}

function instagram(u: URL) {
  const s = segs(u);
  const kind = s[0] === 'reels' ? 'reel' : s[0];
  if (!['p', 'reel', 'tv'].includes(kind) || !s[1] || !/^[A-Za-z0-9_-]{5,40}$/.test(s[1])) return null;
  if (s.length > 3 || (s.length === 3 && s[2] !== 'embed')) return null;
  return { url: `https://www.instagram.com/${kind}/${s[1]}/`, player: `https://www.instagram.com/${kind}/${s[1]}/embed/` };
}

function tiktok(u: URL) {
  const s = segs(u);
  const id = s.length === 3 && /^@[A-Za-z0-9_.]{1,32}$/.test(s[0]) && s[1] === 'video' ? s[2] : s.length === 3 && s[0] === 'embed' && s[1] === 'v2' ? s[2] : null;
  if (!id || !/^\d{5,25}$/.test(id)) return null;
  const who = s[0].startsWith('@') ? s[0] : '@_';
  return { url: `https://www.tiktok.com/${who}/video/${id}`, player: `https://www.tiktok.com/embed/v2/${id}` };
}

const SC_PART = /^[A-Za-z0-9_-]{1,100}$/;
function soundcloud(u: URL): Omit<EmbedTarget, 'provider'> | null {
  if (u.hostname === 'w.soundcloud.com') {
    // A player address (from an imported iframe) names the page it plays in `url`.
    const inner = u.searchParams.get('url');
    if (segs(u).join('/') !== 'player' || !inner) return null;
    try {
      const iu = new URL(inner);
      return iu.protocol === 'https:' && ['soundcloud.com', 'www.soundcloud.com'].includes(iu.hostname) ? soundcloud(iu) : null;
    } catch {
      return null;
    }
  }
  const s = segs(u);
  const ok = (s.length === 2 && s[1] !== 'sets') || (s.length === 3 && s[1] === 'sets');
  if (!ok || !s.every((p) => SC_PART.test(p))) return null;
  const url = `https://soundcloud.com/${s.join('/')}`;
  return { url, player: `https://w.soundcloud.com/player/?url=${enc(url)}&auto_play=true&visual=true` };
}

const SPOTIFY_KINDS = ['track', 'album', 'playlist', 'episode', 'show', 'artist'];
function spotify(u: URL) {
  let s = segs(u);
  if (s[0] === 'embed') s = s.slice(1);
  if (s[0] && /^intl-[a-z]{2}(-[A-Za-z]{2})?$/.test(s[0])) s = s.slice(1);
  if (s.length !== 2 || !SPOTIFY_KINDS.includes(s[0]) || !/^[A-Za-z0-9]{22}$/.test(s[1])) return null;
  return { url: `https://open.spotify.com/${s[0]}/${s[1]}`, player: `https://open.spotify.com/embed/${s[0]}/${s[1]}` };
}

function googleMaps(u: URL) {
  const s = segs(u);
  if (s[0] !== 'maps') return null;
  if (s.length === 2 && s[1] === 'embed') {
    const pb = u.searchParams.get('pb');
    if (!pb || !/^[A-Za-z0-9!.:_%+-]{1,1500}$/.test(pb)) return null;
    const url = `https://www.google.com/maps/embed?pb=${pb}`;
    return { url, player: url };
  }
  let q: string | null = null;
  if (s.length === 1) q = u.searchParams.get('q');
  else if ((s[1] === 'place' || s[1] === 'search') && s[2]) q = decodeSeg(s[2]);
  else if (s[1]?.startsWith('@')) q = /^@(-?\d{1,3}(?:\.\d+)?,-?\d{1,3}(?:\.\d+)?)/.exec(s[1])?.[1] ?? null;
  q = q?.trim() ?? null;
  if (!q || q.length > 300 || /[\u0000-\u001f\u007f]/.test(q)) return null;
  return { url: `https://www.google.com/maps/search/?api=1&query=${enc(q)}`, player: `https://www.google.com/maps?q=${enc(q)}&output=embed` };
}

function decodeSeg(seg: string): string | null {
  try {
    return decodeURIComponent(seg.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** A Google Maps "search" link we wrote ourselves reads back as the same place. */
function googleMapsSearch(u: URL) {
  const q = segs(u).join('/') === 'maps/search' && u.searchParams.get('api') === '1' ? u.searchParams.get('query') : null;
  if (!q) return googleMaps(u);
  const v = new URL('https://www.google.com/maps');
  v.searchParams.set('q', q);
  return googleMaps(v);
}

interface BuiltIn extends EmbedProvider {
  hosts: readonly string[];
}

export const BUILT_IN_PROVIDERS: readonly BuiltIn[] = [
  { id: 'youtube', name: 'YouTube', hosts: ['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtu.be', 'www.youtube-nocookie.com'], frameOrigin: 'https://www.youtube-nocookie.com', oembed: 'https://www.youtube.com/oembed?format=json', match: youtube },
  { id: 'vimeo', name: 'Vimeo', hosts: ['vimeo.com', 'www.vimeo.com', 'player.vimeo.com'], frameOrigin: 'https://player.vimeo.com', oembed: 'https://vimeo.com/api/oembed.json', match: vimeo },
  { id: 'x', name: 'X', hosts: ['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'], frameOrigin: 'https://platform.twitter.com', oembed: 'https://publish.twitter.com/oembed?omit_script=1&dnt=true', match: tweet },
  { id: 'instagram', name: 'Instagram', hosts: ['instagram.com', 'www.instagram.com'], frameOrigin: 'https://www.instagram.com', match: instagram },
  { id: 'tiktok', name: 'TikTok', hosts: ['tiktok.com', 'www.tiktok.com', 'm.tiktok.com'], frameOrigin: 'https://www.tiktok.com', oembed: 'https://www.tiktok.com/oembed', match: tiktok },
  { id: 'soundcloud', name: 'SoundCloud', hosts: ['soundcloud.com', 'www.soundcloud.com', 'm.soundcloud.com', 'w.soundcloud.com'], frameOrigin: 'https://w.soundcloud.com', oembed: 'https://soundcloud.com/oembed?format=json', match: soundcloud },
  { id: 'spotify', name: 'Spotify', hosts: ['open.spotify.com'], frameOrigin: 'https://open.spotify.com', oembed: 'https://open.spotify.com/oembed', match: spotify },
  { id: 'google-maps', name: 'Google Maps', hosts: ['www.google.com', 'google.com', 'maps.google.com'], frameOrigin: 'https://www.google.com', match: googleMapsSearch },
];

/** `https://*.example.org/v/*` → a whole-address pattern; `*` never crosses into the host's dots from the path. */
function schemePattern(scheme: string): RegExp {
  const m = /^https:\/\/([^/]+)(\/.*)$/.exec(scheme);
  if (!m) throw new Error(`embed scheme "${scheme}" must start with https:// and have a path`);
  const quote = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const host = quote(m[1].toLowerCase()).replace(/^\*\\\./, '(?:[a-z0-9-]+\\.)?').replace(/\*/g, '[a-z0-9-]+');
  const path = quote(m[2]).replace(/\*/g, "[A-Za-z0-9._~!$&'()+,;=:@%/?-]*");
  return new RegExp(`^https://${host}${path}$`);
}

function configuredProvider(c: ConfiguredProvider): EmbedProvider {
  const patterns = c.schemes.map(schemePattern);
  return {
    id: c.id,
    name: c.name,
    frameOrigin: c.frameOrigin,
    oembed: c.oembed,
    configured: true,
    match: (u) => (patterns.some((p) => p.test(u.href)) ? { url: u.href, player: null } : null),
  };
}

/**
 * Reads a pasted or stored address strictly: http(s) spelled out (no
 * `javascript:`, `data:` or `//host`), no whitespace or control characters,
 * no userinfo (`https://youtube.com@evil.test`), no port, and a host from the
 * provider's own list exactly (`youtube.com.evil.test`, `evilyoutube.com`,
 * a Cyrillic `уoutube.com` and a trailing-dot `youtube.com.` are all other hosts).
 */
export function parseEmbedAddress(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EMBED_URL) return null;
  if (!/^https?:\/\/[^\s\u0000-\u001f\u007f\\]+$/i.test(raw)) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password || u.port) return null;
  return u;
}

/** The provider table of one site: the built-ins, then the operator's oEmbed providers. */
export class EmbedProviders {
  readonly list: readonly EmbedProvider[];
  private readonly byHost = new Map<string, BuiltIn[]>();
  private readonly configured: EmbedProvider[];

  constructor(configured: readonly ConfiguredProvider[] = []) {
    for (const p of BUILT_IN_PROVIDERS) for (const h of p.hosts) this.byHost.set(h, [...(this.byHost.get(h) ?? []), p]);
    this.configured = configured.map(configuredProvider);
    this.list = [...BUILT_IN_PROVIDERS, ...this.configured];
  }

  /** The embed an address makes, or null when it is not one of ours. */
  match(raw: unknown): EmbedTarget | null {
    const u = parseEmbedAddress(raw);
    if (!u) return null;
    for (const p of this.byHost.get(u.hostname) ?? []) {
      const m = p.match(u);
      if (m) return { provider: p, ...m };
    }
    if (u.protocol !== 'https:') return null;
    for (const p of this.configured) {
      const m = p.match(u);
      if (m) return { provider: p, ...m };
    }
    return null;
  }

  /** A stored player address is used only when it is https on the provider's own frame origin. */
  playerFor(target: EmbedTarget, stored: string | undefined): string | null {
    if (target.player) return target.player;
    if (!stored) return null;
    const u = parseEmbedAddress(stored);
    return u && u.protocol === 'https:' && u.origin === target.provider.frameOrigin ? u.href : null;
  }

  names(): string {
    return this.list.map((p) => p.name).join(', ');
  }
}

export const BUILT_IN_EMBEDS = new EmbedProviders();

/** EMBED_PROVIDERS, checked at start: a list of `{id, name, schemes, oembed, frameOrigin}`. */
export function parseConfiguredProviders(raw: string): ConfiguredProvider[] {
  const list: unknown = JSON.parse(raw);
  if (!Array.isArray(list)) throw new Error('must be a JSON list of providers');
  const taken = new Set(BUILT_IN_PROVIDERS.map((p) => p.id));
  return list.map((v, i) => {
    const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    const at = `provider ${i + 1}`;
    if (typeof o.id !== 'string' || !/^[a-z0-9-]{1,40}$/.test(o.id) || taken.has(o.id)) throw new Error(`${at}: id must be a new lower-case name`);
    taken.add(o.id);
    if (typeof o.name !== 'string' || !o.name.trim() || o.name.length > 60) throw new Error(`${at}: name is required`);
    if (!Array.isArray(o.schemes) || !o.schemes.length || !o.schemes.every((s) => typeof s === 'string')) throw new Error(`${at}: schemes must be a list of https addresses with * wildcards`);
    (o.schemes as string[]).forEach(schemePattern);
    const origin = typeof o.frameOrigin === 'string' ? parseEmbedAddress(o.frameOrigin) : null;
    if (!origin || origin.protocol !== 'https:' || origin.origin !== o.frameOrigin) throw new Error(`${at}: frameOrigin must be an https origin such as https://player.example.org`);
    const endpoint = typeof o.oembed === 'string' ? parseEmbedAddress(o.oembed) : null;
    if (!endpoint || endpoint.protocol !== 'https:') throw new Error(`${at}: oembed must be the provider's https oEmbed endpoint`);
    return { id: o.id, name: o.name.trim(), schemes: o.schemes as string[], oembed: endpoint.href, frameOrigin: origin.origin };
  });
}
