import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { parseArticleInput, type Article } from '../../src/domain/articles/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/** Story pages: anatomy, time zones, redirects, 404/410, JSON-LD, cache freshness. */

function jsonLdOf(html: string): Record<string, any> {
  const m = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  assert.ok(m, 'the page has a JSON-LD block');
  return JSON.parse(m[1]);
}

function metaContent(html: string, attr: 'property' | 'name', key: string): string | undefined {
  const re = new RegExp(`<meta ${attr}="${key.replace(/[:.]/g, '\\$&')}" content="([^"]*)"`);
  return html.match(re)?.[1];
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: public story pages`, () => {
    let app: TestApp;
    let imageId: number;
    const get = (url: string, headers: Record<string, string> = {}) => app.server.inject({ method: 'GET', url, headers });
    const create = (fields: Record<string, unknown>): Promise<Article> => app.articles.create(parseArticleInput({ status: 'published', ...fields }, 'create'), 'test');
    const update = (id: number, fields: Record<string, unknown>) => app.articles.update(id, parseArticleInput(fields, 'update'), 'test');

    before(async () => {
      app = await createTestApp(dialect);
      await app.settings.update({ timeZone: 'Asia/Tehran' });
      const world = await app.sections.create({ name: 'World', slug: 'world' });
      await app.sections.create({ name: 'Middle East', slug: 'middle-east', parentId: world.id });
      await app.people.create({ name: 'Sara Ahmadi', slug: 'sara-ahmadi' });
      await app.people.create({ name: 'Ali Rezaei', slug: 'ali-rezaei' });
      const png = await sharp({ create: { width: 1400, height: 800, channels: 3, background: '#3a6ea5' } }).png().toBuffer();
      imageId = (await app.media.importImage(png, { alt: 'Crowds in the square', caption: 'Crowds gathered on Friday.', credit: 'Photo: Staff' })).id;
    });
    after(async () => app.cleanup());

    test('a story page shows the whole anatomy, in the edition time zone', async () => {
      const a = await create({
        headline: 'Quds Force commander speaks',
        dek: 'A rare public appearance.',
        dateline: 'Tehran',
        section: 'middle-east',
        bylines: ['sara-ahmadi', 'ali-rezaei'],
        tags: ['Iran'],
        publishedAt: '2021-05-21T13:45:00Z',
        bodyMarkdown: 'Esmail Qaani said on Friday that talks would go on.\n\n## What was said\n\nMore text.',
      });
      const r = await get(`/news/${a.id}/${a.slug}`);
      assert.equal(r.statusCode, 200);
      assert.match(r.headers['content-type'] as string, /^text\/html; charset=utf-8/);
      assert.match(r.headers['content-security-policy'] as string, /script-src 'self'/);
      const html = r.body;
      assert.ok(html.startsWith('<!doctype html><html lang="en" dir="ltr">'));
      assert.equal(html.match(/<h1[\s>]/g)?.length, 1, 'exactly one h1');
      assert.match(html, /<h1 class="headline">Quds Force commander speaks<\/h1>/);
      assert.match(html, /<p class="dek">A rare public appearance\.<\/p>/);
      assert.match(html, /<p class="kicker"><a href="\/section\/middle-east">Middle East<\/a><\/p>/);
      assert.match(html, /By <a href="\/author\/sara-ahmadi" rel="author">Sara Ahmadi<\/a> and <a href="\/author\/ali-rezaei" rel="author">Ali Rezaei<\/a>/);
      assert.ok(html.includes('<time datetime="2021-05-21T18:15:00+04:30">May 21, 2021 - 18:15</time>'));
      assert.match(html, /<div class="story-body"><p><span class="dateline">TEHRAN –<\/span> Esmail Qaani said/);
      assert.match(html, /<h2>What was said<\/h2>/);
      assert.match(html, /<a href="\/tag\/iran" rel="tag">Iran<\/a>/);
      // The page ends with the comment section: the count, the approved comments (none yet), then Leave a Comment.
      const comments = html.match(/<section id="comments" class="comments" aria-labelledby="comments-h" data-article-id="(\d+)">([\s\S]*?)<\/section><\/main>/);
      assert.ok(comments, 'the comment section ends the page');
      assert.equal(Number(comments[1]), a.id);
      const section = comments[2];
      assert.match(section, /<h2 id="comments-h">0 comments<\/h2><p class="comments-empty">No comments yet\.<\/p><h3 id="leave-comment">Leave a Comment<\/h3>/);
      for (const field of ['name', 'email', 'body']) assert.match(section, new RegExp(`<(input|textarea) id="c-\\w+" name="${field}"[^>]* required`), field);
      assert.match(section, new RegExp(`<altcha-widget name="altcha" challenge="/news/${a.id}/comments/challenge"`), 'the proof-of-work challenge');
      assert.match(section, new RegExp(`<a href="/news/${a.id}/comment-form#comment-form">Or write your comment on a page of its own</a>`), 'without JavaScript: the form page, with an arithmetic question');
      assert.match(section, /<button type="submit">Post comment<\/button>/);
      assert.match(html, /<a class="skip-link" href="#main">/);
      assert.match(html, /<link rel="stylesheet" href="\/static\/site\.css\?v=[\w-]{10}"\/>/);
      assert.doesNotMatch(html, /class="updated"/, 'a story entered with an earlier publish time is not "updated"');
      assert.doesNotMatch(html, /style=|<style/, 'no inline styles under the CSP');
    });

    test('Tehran: +04:30 in the 2021 summer (DST), +03:30 in winter, +03:30 in summer 2023 (DST abolished)', async () => {
      const cases = [
        ['2021-01-15T09:00:00Z', '2021-01-15T12:30:00+03:30', 'January 15, 2021 - 12:30'],
        ['2023-06-10T12:00:00Z', '2023-06-10T15:30:00+03:30', 'June 10, 2023 - 15:30'],
        // DST ended at local midnight on September 21/22, 2021: the last minute before and the first after.
        ['2021-09-21T19:29:00Z', '2021-09-21T23:59:00+04:30', 'September 21, 2021 - 23:59'],
        ['2021-09-21T19:31:00Z', '2021-09-21T23:01:00+03:30', 'September 21, 2021 - 23:01'],
        ['2022-08-01T10:00:00Z', '2022-08-01T14:30:00+04:30', 'August 1, 2022 - 14:30'],
      ];
      for (const [utc, iso, shown] of cases) {
        const a = await create({ headline: `Timed ${utc}`, publishedAt: utc });
        const html = (await get(`/news/${a.id}/${a.slug}`)).body;
        assert.ok(html.includes(`<time datetime="${iso}">${shown}</time>`), `${utc} → ${shown} ${iso}`);
        assert.equal(jsonLdOf(html).datePublished, iso);
      }
    });

    test('a credit line stands in for bylines; JSON-LD names the organisation', async () => {
      const a = await create({ headline: 'Wire copy', credit: 'Reuters', bodyMarkdown: 'Text.' });
      const html = (await get(`/news/${a.id}/${a.slug}`)).body;
      assert.match(html, /<p class="byline">Reuters<\/p>/);
      assert.deepEqual(jsonLdOf(html).author, [{ '@type': 'Organization', name: 'Reuters' }]);
      assert.match(html, /<div class="story-body"><p>Text\.<\/p>/, 'no dateline span when there is no dateline');
    });

    test('JSON-LD, OpenGraph, Twitter and canonical describe the story', async () => {
      const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Body.' }] }, { type: 'image', attrs: { imageId, caption: 'Inline caption' } }] };
      const a = await create({ headline: 'With pictures', dek: 'Dek text', dateline: 'Kabul', section: 'world', bylines: ['sara-ahmadi'], tags: ['Afghanistan', 'Aid'], featuredImageId: imageId, body, seoDescription: 'SEO words', socialTitle: 'Social title' });
      const html = (await get(`/news/${a.id}/${a.slug}`)).body;
      const ld = jsonLdOf(html);
      assert.equal(ld['@type'], 'NewsArticle');
      assert.equal(ld.headline, 'With pictures');
      assert.equal(ld.description, 'SEO words');
      assert.equal(ld.dateline, 'Kabul');
      assert.equal(ld.articleSection, 'World');
      assert.equal(ld.inLanguage, 'en');
      assert.deepEqual(ld.keywords, ['Afghanistan', 'Aid']);
      assert.match(ld.datePublished, /^2026-05-21T13:30:00\+03:30$/);
      assert.deepEqual(ld.author, [{ '@type': 'Person', name: 'Sara Ahmadi', url: 'http://news.test/author/sara-ahmadi' }]);
      assert.equal(ld.publisher['@type'], 'Organization');
      assert.equal(ld.publisher.name, 'The Dateline Daily');
      assert.ok(Array.isArray(ld.image) && ld.image.length === 1 && /^http:\/\/news\.test\/media\/[\w-]+\/1280\.jpg$/.test(ld.image[0]), String(ld.image));
      const canonical = `http://news.test/news/${a.id}/${a.slug}`;
      assert.equal(ld.mainEntityOfPage['@id'], canonical);
      assert.ok(html.includes(`<link rel="canonical" href="${canonical}"/>`));
      assert.equal(metaContent(html, 'property', 'og:type'), 'article');
      assert.equal(metaContent(html, 'property', 'og:title'), 'Social title');
      assert.equal(metaContent(html, 'property', 'og:url'), canonical);
      assert.equal(metaContent(html, 'property', 'og:image'), ld.image[0]);
      assert.equal(metaContent(html, 'property', 'article:section'), 'World');
      assert.equal(metaContent(html, 'name', 'twitter:card'), 'summary_large_image');
      assert.equal(metaContent(html, 'name', 'description'), 'SEO words');
      // Lead image: eager; body image: lazy; both WebP-first with a JPEG fallback, caption and credit.
      assert.match(html, /<div class="story-lead"><figure class="lead-image"><picture><source type="image\/webp" srcset="[^"]+320\.webp 320w[^"]*1280\.webp 1280w"/);
      assert.match(html, /<img src="\/media\/[\w-]+\/1280\.jpg" srcset="[^"]+" sizes="[^"]+" width="1280" height="731" alt="Crowds in the square" loading="eager" fetchpriority="high" decoding="async">/);
      assert.match(html, /<figure class="story-image"><picture>.*?loading="lazy" decoding="async"><\/picture><figcaption>Inline caption <span class="credit">Photo: Staff<\/span><\/figcaption><\/figure>/);
      assert.match(html, /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/feed\.xml"\/>/);
    });

    test('a canonicalUrl set by the newsroom is used as is', async () => {
      const a = await create({ headline: 'Syndicated', canonicalUrl: 'https://partner.example/story/1' });
      const html = (await get(`/news/${a.id}/${a.slug}`)).body;
      assert.ok(html.includes('<link rel="canonical" href="https://partner.example/story/1"/>'));
      assert.equal(jsonLdOf(html).mainEntityOfPage['@id'], 'https://partner.example/story/1');
    });

    test('a hostile headline cannot break out of the JSON-LD block or the page', async () => {
      const evil = 'Hello </script><script>alert(1)</script> & <!-- \u2028 "quoted"';
      const a = await create({ headline: evil, dek: '<img src=x onerror=alert(2)>', bodyMarkdown: '<script>alert(3)</script> and <b>bold</b>' });
      const html = (await get(`/news/${a.id}/${a.slug}`)).body;
      assert.doesNotMatch(html, /<script>alert/i);
      assert.doesNotMatch(html, /<img src=x/i);
      const scripts = html.match(/<script[^>]*>/gi) ?? [];
      assert.deepEqual(scripts, ['<script type="application/ld+json">', '<script defer src="/static/staff-edit.js">', '<script type="module" src="/static/vendor/altcha.js">', '<script defer src="/static/comments.js">'], 'only the JSON-LD block, the staff Edit link script and our own comment scripts');
      assert.equal(html.match(/<script/gi)?.length, scripts.length);
      assert.equal(jsonLdOf(html).headline, evil);
      const block = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1];
      assert.ok(!block.includes('\u2028') && block.includes('\\u2028'), 'U+2028 escaped inside the JSON-LD');
      assert.ok(!/[<>&]/.test(block), 'no raw <, > or & in the JSON-LD');
    });

    test('wrong or old slugs 301 to the story; /news/:id too; non-Latin slugs are encoded', async () => {
      const a = await create({ headline: 'Original headline' });
      let r = await get(`/news/${a.id}/not-the-slug?utm_source=x`);
      assert.equal(r.statusCode, 301);
      assert.equal(r.headers.location, `/news/${a.id}/original-headline`);
      await update(a.id, { slug: 'renamed-story' });
      r = await get(`/news/${a.id}/original-headline`);
      assert.equal(r.statusCode, 301);
      assert.equal(r.headers.location, `/news/${a.id}/renamed-story`);
      r = await get(`/news/${a.id}`);
      assert.equal(r.statusCode, 301);
      assert.equal(r.headers.location, `/news/${a.id}/renamed-story`);
      const fa = await create({ headline: 'زلزله در تهران', language: 'fa', dateline: 'تهران', bodyMarkdown: 'متن خبر.' });
      r = await get(`/news/${fa.id}/x`);
      assert.equal(r.statusCode, 301);
      assert.equal(r.headers.location, `/news/${fa.id}/${encodeURIComponent(fa.slug)}`);
      r = await get(r.headers.location as string);
      assert.equal(r.statusCode, 200);
      assert.ok(r.body.startsWith('<!doctype html><html lang="fa" dir="rtl">'));
      assert.match(r.body, /<header class="masthead" lang="en" dir="ltr">/, 'English chrome keeps its own language');
      assert.match(r.body, /<p><span class="dateline">تهران –<\/span> متن خبر\.<\/p>/);
    });

    test('unknown, malformed, draft and scheduled stories are 404 pages; unpublished is 410', async () => {
      for (const url of ['/news/999999/x', '/news/abc/x', '/news/0/x', '/news/99999999999/x', '/news/1e3/x', "/news/1'%20OR%201=1/x"]) {
        const r = await get(url);
        assert.equal(r.statusCode, 404, url);
        assert.match(r.body, /<h1>Page not found<\/h1>/);
        assert.match(r.body, /<nav class="sections-nav"/, 'with the site chrome');
        assert.equal(r.headers['cache-control'], 'public, max-age=0, s-maxage=300');
      }
      const draft = await create({ headline: 'Secret draft', status: 'draft' });
      assert.equal((await get(`/news/${draft.id}/${draft.slug}`)).statusCode, 404);
      const later = await create({ headline: 'Embargoed', publishedAt: '2030-01-01T00:00:00Z' });
      assert.equal(later.status, 'scheduled');
      assert.equal((await get(`/news/${later.id}/${later.slug}`)).statusCode, 404);
      const gone = await create({ headline: 'Legal trouble', bodyMarkdown: 'Libel.' });
      assert.equal((await get(`/news/${gone.id}/${gone.slug}`)).statusCode, 200);
      await update(gone.id, { status: 'unpublished' });
      const r = await get(`/news/${gone.id}/${gone.slug}`);
      assert.equal(r.statusCode, 410);
      assert.match(r.body, /This story has been withdrawn/);
      assert.doesNotMatch(r.body, /Legal trouble|Libel/, 'nothing of the withdrawn story is shown');
      assert.equal(r.headers['cache-control'], 'public, max-age=0, s-maxage=300');
    });

    test('ETag and Last-Modified answer 304', async () => {
      const a = await create({ headline: 'Cache me' });
      const first = await get(`/news/${a.id}/${a.slug}`);
      const etag = first.headers.etag as string;
      assert.match(etag, /^"[\w-]+"$/);
      assert.equal(first.headers['last-modified'], a.updatedAt.toUTCString());
      const r = await get(`/news/${a.id}/${a.slug}`, { 'if-none-match': etag });
      assert.equal(r.statusCode, 304);
      assert.equal(r.body, '');
      assert.equal((await get(`/news/${a.id}/${a.slug}`, { 'if-modified-since': first.headers['last-modified'] as string })).statusCode, 304);
      assert.equal((await get(`/news/${a.id}/${a.slug}`, { 'if-none-match': '"other"' })).statusCode, 200);
    });

    test('never stale: edits, unpublish, republish, corrections and section renames show at once', async () => {
      const a = await create({ headline: 'First version', section: 'world', bodyMarkdown: 'Body.' });
      const url = `/news/${a.id}/${a.slug}`;
      assert.match((await get(url)).body, /First version/);
      app.clock.advance(5 * 60_000);
      await update(a.id, { headline: 'Second version' });
      let html = (await get(url)).body;
      assert.match(html, /<h1 class="headline">Second version<\/h1>/);
      assert.match(html, /<span class="updated">Updated <time datetime="2026-05-21T13:35:00\+03:30">May 21, 2026 - 13:35<\/time><\/span>/);
      await update(a.id, { status: 'unpublished' });
      assert.equal((await get(url)).statusCode, 410);
      await update(a.id, { status: 'published' });
      assert.equal((await get(url)).statusCode, 200);
      await app.articles.addCorrection(a.id, 'An earlier version misspelled the minister’s name.', 'test');
      html = (await get(url)).body;
      assert.ok(html.includes('<strong>Correction, May 21, 2026:</strong> An earlier version misspelled the minister’s name.'));
      const world = await app.sections.get('world');
      await app.sections.update(world.id, { name: 'International' });
      html = (await get(url)).body;
      assert.match(html, /<p class="kicker"><a href="\/section\/world">International<\/a><\/p>/);
      await app.sections.update(world.id, { name: 'World' });
    });

    test('Host and X-Forwarded-Host never reach the output or the cache', async () => {
      const a = await create({ headline: 'Host header test' });
      const url = `/news/${a.id}/${a.slug}`;
      const evil = await get(url, { host: 'evil.test', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https' });
      assert.equal(evil.statusCode, 200);
      assert.doesNotMatch(evil.body, /evil\.test/);
      const plain = await get(url);
      assert.equal(plain.body, evil.body);
      const redirect = await get(`/news/${a.id}/wrong`, { 'x-forwarded-host': 'evil.test' });
      assert.doesNotMatch(String(redirect.headers.location), /evil/);
    });
  });
}
