/**
 * Where to go after signing in: only a same-origin path that starts with
 * exactly one `/`, at every level of percent-decoding, else `/admin`
 * (docs/architecture.md, hostile input: open redirects; the fallback of WordPress `wp_safe_redirect`).
 * Refused: `//host`, `/\host`, any backslash (browsers read it as `/`),
 * schemes, controls and CR/LF (header injection), non-ASCII (Node would
 * throw on it in a Location header).
 */
export const DEFAULT_NEXT = '/admin';

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

function safeLayer(s: string): boolean {
  return s.startsWith('/') && !s.startsWith('//') && !s.includes('\\') && !/[\x00-\x20\x7f]/.test(s);
}

export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000 || !PRINTABLE_ASCII.test(raw)) return DEFAULT_NEXT;
  let layer = raw;
  for (let i = 0; i < 4; i++) {
    if (!safeLayer(layer)) return DEFAULT_NEXT;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return DEFAULT_NEXT;
    }
    if (decoded === layer) break;
    layer = decoded;
    if (i === 3) return DEFAULT_NEXT;
  }
  // Belt and braces: resolved against a stand-in origin, it must stay there.
  const probe = new URL(raw, 'http://origin.invalid');
  if (probe.origin !== 'http://origin.invalid') return DEFAULT_NEXT;
  return raw;
}
