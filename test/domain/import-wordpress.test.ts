import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseDoc } from '../../src/domain/articles/index.ts';
import { importWordPress, ImportFormatError } from '../../src/domain/import/index.ts';
import { writeWxr } from '../helpers/wxr.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures/import/wordpress');
const fixtures = { skip: fs.existsSync(FIXTURES) ? false : 'no ../shared/fixtures/import (clone without the shared fixtures)' };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-wxr-'));

const wxr = (name: string, items: string, head = ''): string => writeWxr(tmp, name, items, head);

function post(id: number, o: { title?: string; html?: string; status?: string; gmt?: string; extra?: string } = {}): string {
  return `<item><title>${o.title ?? `Post ${id}`}</title><link>https://old.example/2020/05/post-${id}/</link><dc:creator>ann</dc:creator>
<content:encoded><![CDATA[${o.html ?? `Body of ${id}.`}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date_gmt>${o.gmt ?? '2020-05-01 10:00:00'}</wp:post_date_gmt><wp:post_name>post-${id}</wp:post_name>
<wp:status>${o.status ?? 'publish'}</wp:status><wp:post_type>post</wp:post_type>${o.extra ?? ''}</item>`;
}

const AUTHOR = '<wp:author><wp:author_login>ann</wp:author_login><wp:author_email>ann@old.example</wp:author_email><wp:author_display_name><![CDATA[Ann Lee]]></wp:author_display_name></wp:author>';

for (const dialect of DIALECTS) {
  describe(`${dialect}: WordPress import`, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app.cleanup());

    const stories = async () => (await app.queries.listAll({}, 1000, 0, app.likeOp)).items;
    const visible = async () => (await app.queries.listPublic({}, 1000, 0)).total;
    const storyBySlug = async (slug: string) => {
      const s = (await stories()).find((a) => a.slug === slug);
      assert.ok(s, `story ${slug}`);
      return app.articles.get(s.id);
    };

    test('a DOCTYPE (XXE or entity expansion) is refused before anything is read or written', async () => {
      const xxe = path.join(tmp, 'xxe.xml');
      fs.writeFileSync(xxe, `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss><channel><item><title>&xxe;</title><wp:post_id>1</wp:post_id></item></channel></rss>`);
      const lol = path.join(tmp, 'lol.xml');
      fs.writeFileSync(lol, `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<rss><channel><title>&lol2;</title></channel></rss>`);
      for (const file of [xxe, lol]) {
        await assert.rejects(importWordPress(app.importDeps, file), (e: Error) => e instanceof ImportFormatError && /DOCTYPE is not allowed/.test(e.message) && /^line 2:/.test(e.message));
      }
      // No DTD at all, just an undeclared entity: still refused, still nothing written.
      const bare = wxr('entity.xml', post(1, { title: 'Hi &xxe;' }));
      await assert.rejects(importWordPress(app.importDeps, bare), (e: Error) => e instanceof ImportFormatError && /line 7: undefined entity/.test(e.message));
      assert.equal((await stories()).length, 0);
    });

    test('malformed files name the line and what is wrong, and import nothing', { skip: fixtures.skip }, async () => {
      await assert.rejects(importWordPress(app.importDeps, path.join(FIXTURES, 'malformed-simple.xml')), /^ImportFormatError: line 14: unclosed tag: item/);
      await assert.rejects(importWordPress(app.importDeps, path.join(FIXTURES, 'malformed.xml')), /line 27: expected <channel> inside <rss>, found <notachanneltag>/);
      assert.equal((await stories()).length, 0);
      assert.equal((await app.people.list()).length, 0);
    });

    test('the WordPress importer test export: posts, statuses, dates, nested sections, authors, comments; pages as static pages', { skip: fixtures.skip }, async () => {
      const r = await importWordPress(app.importDeps, path.join(FIXTURES, 'small-export.xml'));
      assert.equal(r.counts.stories, 6);
      assert.equal(r.counts.pages, 5);
      const sample = (await app.pages.list()).find((p) => p.slug === 'sample-page');
      assert.equal(sample?.status, 'published');
      assert.equal((await app.server.inject('/sample-page')).statusCode, 200, 'a published WordPress page answers at its own slug');
      assert.equal((await app.pages.list()).find((p) => p.slug === 'draft-page')?.status, 'draft');
      const hello = await storyBySlug('hello-world');
      assert.equal(hello.status, 'published');
      assert.equal(hello.publishedAt?.toISOString(), '2011-01-18T07:40:14.000Z');
      assert.equal(hello.bylines[0].name, 'author');
      assert.equal((await storyBySlug('private-post')).status, 'draft');
      const child = await storyBySlug('foo-child');
      assert.equal(child.section?.slug, 'foo-bar');
      const parent = (await app.sections.list()).find((s) => s.id === child.section?.parentId);
      assert.equal(parent?.slug, 'bar', 'foo-bar sits under bar in the export');
      assert.deepEqual((await app.people.list()).map((p) => p.name).sort(), ['admin', 'author', 'editor']);
      const page = await app.server.inject(`/news/${hello.id}/${hello.slug}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Mr WordPress/);
      assert.match(page.body, /Welcome to WordPress/);
    });

    test('a re-run updates what it imported, never duplicates, and matches authors by login', { skip: fixtures.skip }, async () => {
      const before = { stories: (await stories()).length, people: (await app.people.list()).length, sections: (await app.sections.list()).length };
      const r = await importWordPress(app.importDeps, path.join(FIXTURES, 'small-export.xml'));
      assert.equal(r.counts.stories, 0);
      assert.equal(r.counts.updated, 6);
      assert.equal(r.counts.people, 0);
      assert.deepEqual([r.counts.pages, r.counts.pagesUpdated, (await app.pages.list()).length], [0, 5, 5], 'pages updated, not duplicated');
      assert.deepEqual({ stories: (await stories()).length, people: (await app.people.list()).length, sections: (await app.sections.list()).length }, before);
      assert.equal(Number((await app.db.kysely.selectFrom('comments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 1);
    });

    test('the theme unit test data imports whole (Gutenberg-era content, tables, media without media)', { skip: fixtures.skip }, async () => {
      const r = await importWordPress(app.importDeps, path.join(FIXTURES, 'theme-unit-test-data.xml'));
      assert.ok(r.counts.stories > 50, `stories: ${r.counts.stories}`);
      assert.ok(r.notes['image dropped: its file was not imported'] > 0 && r.media.notTried > 0);
      for (const s of await stories()) {
        const doc = (await app.articles.get(s.id)).body;
        assert.doesNotMatch(JSON.stringify(doc), /<script|javascript:|onerror=|onclick=/i, s.slug);
        // Imports are not validated on write: what the converter makes (its tables too) must be what the Admin API accepts.
        parseDoc(structuredClone(doc));
      }
    });
  });

  describe(`${dialect}: WordPress import, content and safety`, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app.cleanup());

    test('hostile posts: no script, handler, javascript: link or frame reaches the body or the page', async () => {
      const hostile = `<p onclick="alert(1)">Hello <a href="javascript:alert(2)">click</a> <a href=" JaVaScRiPt:alert(3)">again</a></p>
<script>alert(4)</script><img src="x" onerror="alert(5)"><iframe src="javascript:alert(6)"></iframe><iframe src="https://evil.example/frame"></iframe>
<svg onload="alert(7)"><script>alert(8)</script></svg><style>body{display:none}</style><a href="data:text/html,<script>alert(9)</script>">data</a>
<p>&lt;script&gt;alert(10)&lt;/script&gt;</p>
<table onclick="alert(11)" style="display:none"><tr><th onmouseover="alert(12)"><a href="javascript:alert(13)">Cell</a></th><td><script>alert(14)</script><img src="x" onerror="alert(15)">
<iframe src="javascript:alert(16)"></iframe><table><tr><td onclick="alert(17)">nested</td></tr></table></td></tr></table>`;
      await importWordPress(app.importDeps, wxr('hostile.xml', post(1, { title: 'Hostile <b>title</b>', html: hostile }), AUTHOR));
      const [s] = (await app.queries.listAll({}, 10, 0, app.likeOp)).items;
      const story = await app.articles.get(s.id);
      const body = JSON.stringify(story.body);
      assert.doesNotMatch(body, /javascript:|data:text|onerror|onclick|onload|alert\([1-9]\)|display:none/i);
      assert.match(body, /"href":"https:\/\/evil\.example\/frame"/, 'the frame is a plain link');
      assert.match(body, /<script>alert\(10\)<\/script>/, 'escaped text stays text');
      const page = await app.server.inject(`/news/${story.id}/${story.slug}`);
      assert.equal(page.statusCode, 200);
      // The page's own no-JS comment frame (same origin, ours) is the one iframe allowed.
      const ours = page.body.replace(/<noscript><iframe[^>]*src="\/news\/\d+\/comment-frame"[^>]*>(?:<\/iframe>)?/g, '');
      assert.doesNotMatch(ours, /alert\([1-9]\)|javascript:|<iframe/i);
      assert.match(page.body, /&lt;script&gt;alert\(10\)/);
      // The table came in as a table, its text kept and nothing of its markup's script.
      assert.match(page.body, /<table><tbody><tr><th scope="row">Cell<\/th><td>nested<\/td><\/tr><\/tbody><\/table>/);
    });

    test('a WordPress post with a table: a table node, on the page and in the search index', async () => {
      const html = `<p>The results.</p>
<!-- wp:table {"hasFixedLayout":true} --><figure class="wp-block-table"><table class="has-fixed-layout"><thead><tr><th>Ward</th><th>Turnout</th></tr></thead>
<tbody><tr><td>Northgate</td><td><strong>61%</strong></td></tr><tr><td colspan="2">Southmere: <a href="https://old.example/recount">recount</a></td></tr></tbody></table>
<figcaption class="wp-element-caption">Turnout by ward</figcaption></figure><!-- /wp:table -->`;
      await importWordPress(app.importDeps, wxr('table.xml', post(7, { title: 'Ward results', html }), AUTHOR));
      const [summary] = (await app.queries.listAll({ search: 'Ward results' }, 10, 0, app.likeOp)).items;
      const story = await app.articles.get(summary.id);
      const table = story.body.content[1];
      assert.equal(table.type, 'table');
      assert.deepEqual(table.type === 'table' && table.attrs, { caption: 'Turnout by ward' });
      assert.deepEqual(table.type === 'table' && table.content[2].content[0], {
        type: 'tableCell', attrs: { colspan: 2 },
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Southmere: ' }, { type: 'text', text: 'recount', marks: [{ type: 'link', attrs: { href: 'https://old.example/recount' } }] }] }],
      });
      assert.equal(story.wordCount, 11, 'the cells and the caption count');
      const page = await app.server.inject(`/news/${story.id}/${story.slug}`);
      assert.match(page.body, /<div class="table-scroll" role="region" tabindex="0" aria-label="Turnout by ward"><table><caption>Turnout by ward<\/caption><thead><tr><th scope="col">Ward<\/th>/);
      assert.match(page.body, /<td colspan="2">Southmere: <a href="https:\/\/old\.example\/recount" rel="noopener">recount<\/a><\/td>/);
      const found = await app.server.inject('/search?q=Northgate');
      assert.match(found.body, /Ward results/, 'a word only in a cell finds the story');
    });

    test('Gutenberg blocks become our nodes; offsets, excerpt, tags and comment threading come across', async () => {
      const html = `<!-- wp:heading --><h2>Sub one</h2><!-- /wp:heading -->
<!-- wp:paragraph --><p>Para <strong>bold</strong> and <em>it</em> <a href="https://ex.example/a">link</a>.</p><!-- /wp:paragraph -->
<!-- wp:quote --><blockquote class="wp-block-quote"><p>Quoted.</p></blockquote><!-- /wp:quote -->
<!-- wp:pullquote --><figure class="wp-block-pullquote"><blockquote><p>Pulled.</p><cite>Mayor</cite></blockquote></figure><!-- /wp:pullquote -->
<!-- wp:list --><ol><li>One</li><li>Two</li></ol><!-- /wp:list -->
<!-- wp:image --><figure class="wp-block-image"><img src="https://old.example/a.jpg" alt="A"/></figure><!-- /wp:image -->
<!-- wp:table --><figure class="wp-block-table"><table><tr><th>Team</th><th>Pts</th></tr><tr><td>Reds</td><td>3</td></tr></table></figure><!-- /wp:table -->
<!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->`;
      const comments = [
        [1, 0, '1'], [2, 1, '1'], [3, 2, '0'], [4, 0, 'spam'], [5, 0, 'trash'],
      ].map(([id, parent, approved]) => `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id}]]></wp:comment_author>
<wp:comment_author_email>r${id}@ex.example</wp:comment_author_email><wp:comment_date_gmt>2020-05-02 10:0${id}:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Comment <b>${id}</b>]]></wp:comment_content><wp:comment_approved>${approved}</wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`).join('');
      const extra = `<category domain="post_tag" nicename="transit"><![CDATA[Transit]]></category>${comments}`;
      const item = post(2, { html, extra }).replace('<excerpt:encoded><![CDATA[]]>', '<excerpt:encoded><![CDATA[<p>The <em>short</em> version</p>]]>')
        .replace('<wp:post_date_gmt>2020-05-01 10:00:00</wp:post_date_gmt>', '<pubDate>Fri, 01 May 2020 12:30:00 +0200</pubDate><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>');
      const r = await importWordPress(app.importDeps, wxr('blocks.xml', item, AUTHOR));
      const [summary] = (await app.queries.listAll({ search: 'Post 2' }, 10, 0, app.likeOp)).items;
      const story = await app.articles.get(summary.id);
      assert.deepEqual(story.body.content.map((b) => b.type), ['heading', 'paragraph', 'blockquote', 'pullQuote', 'orderedList', 'table', 'horizontalRule']);
      assert.deepEqual((story.body.content[3] as { attrs: unknown }).attrs, { attribution: 'Mayor' });
      assert.equal(story.bodyText.includes('Team\n\nPts\n\nReds\n\n3'), true);
      assert.equal(r.notes['image dropped: its file was not imported'], 1);
      assert.equal(r.media.notTried, 1, 'no --media-dir or --fetch-media: counted, not looked for');
      assert.equal(story.publishedAt?.toISOString(), '2020-05-01T10:30:00.000Z', 'the offset is honoured');
      assert.equal(story.dek, 'The short version');
      assert.deepEqual(story.tags.map((t) => t.slug), ['transit']);
      const rows = await app.db.kysely.selectFrom('comments').selectAll().where('article_id', '=', story.id).orderBy('created_at').execute();
      assert.deepEqual(rows.map((c) => [c.author_name, c.status, c.body]), [['Reader 1', 'approved', 'Comment 1'], ['Reader 2', 'approved', 'Comment 2'], ['Reader 3', 'pending', 'Comment 3'], ['Reader 4', 'spam', 'Comment 4']]);
      assert.equal(rows[1].parent_id, rows[0].id);
      assert.equal(rows[2].parent_id, rows[1].id);
    });

    test('an author whose login changed is found again by email, not made twice', async () => {
      await importWordPress(app.importDeps, wxr('author1.xml', post(500), AUTHOR));
      const before = await app.people.list();
      const renamed = AUTHOR.replace('<wp:author_login>ann</wp:author_login>', '<wp:author_login>ann.lee</wp:author_login>').replace('Ann Lee', 'Ann B. Lee');
      await importWordPress(app.importDeps, wxr('author2.xml', post(500).replace('<dc:creator>ann</dc:creator>', '<dc:creator>ann.lee</dc:creator>'), renamed));
      const after = await app.people.list();
      assert.equal(after.length, before.length);
      assert.ok(after.some((p) => p.name === 'Ann B. Lee'));
      const [s] = (await app.queries.listAll({ search: 'Post 500' }, 10, 0, app.likeOp)).items;
      assert.deepEqual(s.bylines.map((b) => b.name), ['Ann B. Lee']);
    });

    test('a run that fails half-way leaves nothing visible; the next run resumes without duplicates', async () => {
      const before = (await app.queries.listAll({}, 1000, 0, app.likeOp)).total;
      const visibleBefore = (await app.queries.listPublic({}, 1000, 0)).total;
      // Big enough to span several read chunks, so the first batch commits before the bad item is reached.
      const good = Array.from({ length: 250 }, (_, i) => post(100 + i, { html: `<p>${'Long text. '.repeat(200)}</p>` })).join('\n');
      const broken = wxr('broken.xml', `${good}\n<item><title>No id</title><wp:post_type>post</wp:post_type></item>`, AUTHOR);
      await assert.rejects(importWordPress(app.importDeps, broken), /line \d+: an <item> \("No id"\) has no numeric <wp:post_id>/);
      assert.ok((await app.queries.listAll({}, 1000, 0, app.likeOp)).total > before, 'the first batch was written (as drafts)');
      assert.equal((await app.queries.listPublic({}, 1000, 0)).total, visibleBefore, 'and none is visible');
      const r = await importWordPress(app.importDeps, wxr('fixed.xml', good, AUTHOR));
      assert.equal(r.counts.stories + r.counts.updated, 250);
      assert.equal((await app.queries.listAll({}, 1000, 0, app.likeOp)).total, before + 250);
      assert.equal((await app.queries.listPublic({}, 1000, 0)).total, visibleBefore + 250);
      const redirect = await app.db.kysely.selectFrom('redirects').selectAll().where('path', '=', '/2020/05/post-100/').executeTakeFirst();
      assert.ok(redirect, 'the old permalink is kept');
    });
  });
}
