// Activates one of Ghost's bundled themes (source, the default since Ghost 5.x, or casper, the older default).
// Usage: node ghost-theme.mjs casper|source
const base = process.env.GHOST_BASE ?? 'http://127.0.0.1:8091';
const api = `${base}/ghost/api/admin`;
const login = await fetch(`${api}/session/`, { method: 'POST', headers: { Origin: base, 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'owner@example.org', password: 'Riverton-Aske-Bridge-1921!' }) });
if (!login.ok) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
const cookie = login.headers.get('set-cookie').split(';')[0];
const r = await fetch(`${api}/themes/${process.argv[2]}/activate/`, { method: 'PUT', headers: { Origin: base, cookie } });
console.log(process.argv[2], r.status);
