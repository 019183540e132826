// Sets up a local Ghost (owner, site title, time zone) and publishes the same 8 stories as Dateline's demo paper
// through Ghost's Admin API (session auth), sections as primary tags, images uploaded through the API.
import fs from 'node:fs';
const base = process.env.GHOST_BASE ?? 'http://127.0.0.1:8091';
const api = `${base}/ghost/api/admin`;
const posts = JSON.parse(fs.readFileSync('/tmp/cmp/posts.json', 'utf8'));
const owner = { name: 'Dateline Compare', email: 'owner@example.org', password: 'Riverton-Aske-Bridge-1921!' };
let cookie = '';
async function call(method, path, body, isForm = false) {
  const headers = { Origin: base, 'Accept-Version': 'v5.0', cookie };
  if (body && !isForm) headers['content-type'] = 'application/json';
  const r = await fetch(`${api}${path}`, { method, headers, body: isForm ? body : body && JSON.stringify(body) });
  const set = r.headers.get('set-cookie'); if (set) cookie = set.split(';')[0];
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 400)}`);
  return text && text.startsWith("{") ? JSON.parse(text) : {};
}
const setup = await call('GET', '/authentication/setup/');
if (!setup.setup[0].status) await call('POST', '/authentication/setup/', { setup: [{ ...owner, blogTitle: 'The Dateline Daily' }] });
await call('POST', '/session/', { username: owner.email, password: owner.password });
await call('PUT', '/settings/', { settings: [
  { key: 'description', value: 'Riverton and the world, every day since 1921' },
  { key: 'timezone', value: 'Asia/Tehran' },
  { key: 'comments_enabled', value: 'all' },
] });
// Ghost's starter content ("Coming soon" and friends) and any earlier run's posts go: the stories are made afresh.
const existing = await call('GET', '/posts/?limit=all&filter=status:[published,draft,scheduled]');
for (const p of existing.posts) await call('DELETE', `/posts/${p.id}/`);
// The default cover photo is on Ghost's CDN, which this machine cannot reach: no cover rather than a broken image.
await call('PUT', '/settings/', { settings: [{ key: 'cover_image', value: '' }] });
const uploaded = new Map();
async function upload(file) {
  if (uploaded.has(file)) return uploaded.get(file);
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)], { type: 'image/jpeg' }), file.split('/').pop());
  form.append('purpose', 'image');
  const url = (await call('POST', '/images/upload/', form, true)).images[0].url;
  uploaded.set(file, url); return url;
}
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
// Bylines: each author is invited as Ghost does it (an email with a sign-up link, caught by mail-catcher.mjs) and accepts.
const mailDir = process.env.GHOST_MAIL_DIR ?? '/tmp/ghost/mail';
async function inviteLink(email) {
  for (let i = 0; i < 50; i++) {
    for (const f of fs.readdirSync(mailDir).sort((a, b) => parseInt(b) - parseInt(a))) {
      const raw = fs.readFileSync(`${mailDir}/${f}`, 'utf8');
      // The body parts are base64: decode each one and look for the sign-up link in them.
      const parts = raw.split(/\r?\n--/).map((p) => /base64/i.test(p.split(/\r?\n\r?\n/)[0]) ? Buffer.from(p.split(/\r?\n\r?\n/)[1] ?? '', 'base64').toString('utf8') : p);
      const m = parts.join('\n').match(/\/signup\/([A-Za-z0-9_=+-]+)\//);
      if (raw.includes(`To: ${email}`) && m) return m[1];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no invitation mail for ${email}`);
}
const roles = (await call('GET', '/roles/?permissions=assign')).roles;
for (const name of new Set(posts.map((p) => p.author))) {
  const known = (await call('GET', '/users/?limit=all')).users;
  if (known.some((u) => u.name === name)) continue;
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`;
  await call('POST', '/invites/', { invites: [{ email, role_id: roles.find((r) => r.name === 'Author').id }] });
  const token = await inviteLink(email);
  const saved = cookie; cookie = '';
  await call('POST', '/authentication/invitation/', { invitation: [{ token, email, name, password: 'Riverton-Aske-Bridge-1921!' }] });
  cookie = saved;
}
const users = (await call('GET', '/users/?limit=all')).users;
for (const p of [...posts].reverse()) {
  let html = '';
  for (const b of p.blocks) {
    if (typeof b === 'string') html += b;
    else html += `<figure class="kg-card kg-image-card kg-card-hascaption"><img src="${await upload(b.image)}" alt="${esc(b.alt)}"><figcaption>${esc(b.caption)}</figcaption></figure>\n`;
  }
  const author = users.find((u) => u.name === p.author) ?? users[0];
  const post = {
    title: p.title, slug: p.slug, html, custom_excerpt: p.dek, status: 'published', published_at: p.published_at,
    tags: [{ name: p.section }, ...p.tags.map((name) => ({ name }))], authors: [{ id: author.id }],
    ...(p.feature ? { feature_image: await upload(p.feature.image), feature_image_alt: p.feature.alt, feature_image_caption: esc(p.feature.caption) } : {}),
  };
  const made = await call('POST', '/posts/?source=html', { posts: [post] });
  console.log(made.posts[0].id, made.posts[0].url);
}
