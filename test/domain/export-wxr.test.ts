import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SaxesParser } from 'saxes';
import { docText, parseArticleInput } from '../../src/domain/articles/index.ts';
import { cdata, exportWxr } from '../../src/domain/export/index.ts';
import { importWordPress } from '../../src/domain/import/index.ts';
import { parsePageInput } from '../../src/domain/pages/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/**
 * The WXR export, read back by our own WordPress importer into a fresh
 * database (titles, bodies as text, comments, threading, pages), and held
 * against the structure of real WordPress exports (../shared/fixtures,
 * read at test time; skipped in a clone without them).
 */

const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures/import/wordpress');
const fixtures = { skip: fs.existsSync(FIXTURES) ? false : 'no ../shared/fixtures/import (clone without the shared fixtures)' };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-wxr-out-'));

const SEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Old</title><link>https://old.example/</link>
<item><title>Ferry timetable changes</title><link>https://old.example/ferry/</link>
<content:encoded><![CDATA[<p>The ferry leaves earlier.</p>]]></content:encoded>
<wp:post_id>41</wp:post_id><wp:post_date_gmt>2026-05-20 08:00:00</wp:post_date_gmt><wp:post_name>ferry-timetable</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Reader One</wp:comment_author><wp:comment_author_email>one@example.org</wp:comment_author_email><wp:comment_date_gmt>2026-05-20 09:00:00</wp:comment_date_gmt><wp:comment_content>Is the 7:10 gone? a &lt; b &amp; ]]&gt; too</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_author>Reader Two</wp:comment_author><wp:comment_author_email>two@example.org</wp:comment_author_email><wp:comment_date_gmt>2026-05-20 09:30:00</wp:comment_date_gmt><wp:comment_content>It leaves at 7:00 now.</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>1</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author>Held Back</wp:comment_author><wp:comment_author_email>held@example.org</wp:comment_author_email><wp:comment_date_gmt>2026-05-20 09:40:00</wp:comment_date_gmt><wp:comment_content>Waiting for a moderator.</wp:comment_content><wp:comment_approved>0</wp:comment_approved><wp:comment_parent>2</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>4</wp:comment_id><wp:comment_author>Spammer</wp:comment_author><wp:comment_author_email>spam@example.org</wp:comment_author_email><wp:comment_date_gmt>2026-05-20 09:50:00</wp:comment_date_gmt><wp:comment_content>Cheap watches.</wp:comment_content><wp:comment_approved>spam</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item></channel></rss>`;

/** Every element path (`rss/channel/item/wp:comment/wp:comment_id`) in an XML text; throws if it is not well-formed XML with its namespaces declared. */
function elementPaths(xml: string): Set<string> {
  const parser = new SaxesParser({ xmlns: true });
  const stack: string[] = [];
  const paths = new Set<string>();
  parser.on('opentag', (t) => {
    stack.push(t.name);
    paths.add(stack.join('/'));
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('doctype', () => {
    throw new Error('a DOCTYPE');
  });
  parser.write(xml).close();
  return paths;
}

const children = (paths: Set<string>, parent: string) => new Set([...paths].filter((p) => p.startsWith(`${parent}/`) && !p.slice(parent.length + 1).includes('/')).map((p) => p.slice(parent.length + 1)));

for (const dialect of DIALECTS) {
  describe(`${dialect}: export --format wxr`, () => {
    let source: TestApp;
    let target: TestApp;
    let xml: string;
    before(async () => {
      source = await createTestApp(dialect);
      target = await createTestApp(dialect);
      const seed = path.join(tmp, `seed-${dialect}.xml`);
      fs.writeFileSync(seed, SEED);
      await importWordPress(source.importDeps, seed);
      const news = await source.sections.create({ name: 'News', slug: 'news-desk' });
      await source.sections.create({ name: 'Harbour', slug: 'harbour', parentId: news.id });
      const person = await source.people.create({ name: 'Mina Sohrabi', slug: 'mina-sohrabi' });
      await source.articles.create(
        parseArticleInput(
          {
            headline: 'A body that breaks naive CDATA & <tags>', dek: 'It holds ]]> and a <script>', section: 'harbour', tags: ['Ports', 'Night shift'], bylines: [person.id],
            status: 'published', publishedAt: '2026-05-19T06:00:00Z', bodyMarkdown: 'The end marker ]]> sits here, and <script>alert(1)</script> is text.\n\n## Later\n\n- one & two\n- "three"\n\n| Berth | <b>Ship</b> |\n| --- | --- |\n| 4 & 5 | [Ferry ]]> one](https://ex.example/f) |',
          },
          'create',
        ),
        'test',
      );
      await source.articles.create(parseArticleInput({ headline: 'Still a draft', status: 'draft', bodyMarkdown: 'Not yet.' }, 'create'), 'test');
      await source.pages.create(parsePageInput({ title: 'About us', slug: 'about-us', bodyMarkdown: 'Who we are.', status: 'published', inMenu: true }, 'create'), 'test');
      const lines: string[] = [];
      await exportWxr({ db: source.db }, async (l) => void lines.push(l), { siteUrl: 'http://news.test', now: source.clock.now() });
      xml = lines.join('\n');
    });
    after(async () => {
      await source.cleanup();
      await target.cleanup();
    });

    test('cdata splits the end marker so it survives', () => {
      assert.equal(cdata('a]]>b'), '<![CDATA[a]]]]><![CDATA[>b]]>');
      const paths: string[] = [];
      const p = new SaxesParser();
      p.on('cdata', (t) => void paths.push(t));
      p.write(`<x>${cdata('a]]>b]]>')}</x>`).close();
      assert.equal(paths.join(''), 'a]]>b]]>');
    });

    test('well-formed XML, and our WordPress importer reads it back: titles, bodies as text, statuses, sections, tags, authors, comments and threads, pages', async () => {
      elementPaths(xml);
      const file = path.join(tmp, `site-${dialect}.xml`);
      fs.writeFileSync(file, xml);
      const r = await importWordPress(target.importDeps, file);
      assert.equal(r.counts.stories, 3);
      assert.equal(r.counts.pages, 1);
      const all = async (app: TestApp) => {
        const items = (await app.queries.listAll({}, 100, 0, app.likeOp)).items;
        return Promise.all(items.map((s) => app.articles.get(s.id)));
      };
      const before = await all(source);
      const afterImport = await all(target);
      const key = (a: (typeof before)[number]) => a.headline;
      assert.deepEqual(afterImport.map(key).sort(), before.map(key).sort());
      for (const a of before) {
        const b = afterImport.find((x) => x.headline === a.headline)!;
        assert.equal(docText(b.body), docText(a.body), `${a.headline}: body text`);
        assert.equal(b.dek, a.dek, `${a.headline}: dek`);
        assert.equal(b.status, a.status, `${a.headline}: status`);
        assert.deepEqual(b.publishedAt, a.publishedAt, `${a.headline}: publish time`);
        assert.equal(b.section?.slug ?? null, a.section?.slug ?? null, `${a.headline}: section`);
        assert.deepEqual(b.tags.map((t) => t.name).sort(), a.tags.map((t) => t.name).sort(), `${a.headline}: tags`);
        assert.deepEqual(b.bylines.map((p) => p.name), a.bylines.map((p) => p.name).slice(0, 1), `${a.headline}: first byline`);
      }
      assert.match(docText(afterImport.find((x) => x.headline.startsWith('A body'))!.body), /The end marker \]\]> sits here, and <script>alert\(1\)<\/script> is text\./);
      // A table goes out as a table and comes back as the same table node.
      const tableOf = (stories: typeof before) => stories.find((x) => x.headline.startsWith('A body'))!.body.content.find((b) => b.type === 'table');
      assert.ok(tableOf(before));
      assert.deepEqual(tableOf(afterImport), tableOf(before));
      const harbour = (await target.sections.list()).find((s) => s.slug === 'harbour');
      assert.equal((await target.sections.list()).find((s) => s.id === harbour?.parentId)?.slug, 'news-desk', 'sections keep their nesting');

      // Comments: same authors, bodies and statuses, each reply under the same parent.
      const threads = async (app: TestApp) => {
        const story = (await app.queries.listAll({}, 100, 0, app.likeOp)).items.find((s) => s.headline === 'Ferry timetable changes')!;
        const rows = await app.db.kysely.selectFrom('comments').select(['id', 'parent_id', 'author_name', 'body', 'status']).where('article_id', '=', story.id).orderBy('id').execute();
        const byId = new Map(rows.map((c) => [c.id, c]));
        return rows.map((c) => [c.author_name, c.body, c.status, c.parent_id === null ? null : byId.get(c.parent_id)!.author_name]);
      };
      const want = await threads(source);
      assert.equal(want.length, 4);
      assert.deepEqual(await threads(target), want);
      const page = (await target.pages.list()).find((p) => p.slug === 'about-us');
      assert.equal(page?.title, 'About us');
      assert.equal(page?.status, 'published');
    });

    test('the structure of real WordPress exports: every element we write is one WordPress writes, and every element all of them give an item we give too', fixtures, () => {
      const ours = elementPaths(xml);
      // Whole exports written by WordPress (missing-tags.xml is a hand-cut minimal file: it counts for what exists, not for what must).
      const real = ['small-export.xml', 'wxr-comprehensive.xml', 'theme-unit-test-data.xml'].map((f) => elementPaths(fs.readFileSync(path.join(FIXTURES, f), 'utf8')));
      const union = new Set([...real.flatMap((s) => [...s]), ...elementPaths(fs.readFileSync(path.join(FIXTURES, 'missing-tags.xml'), 'utf8'))]);
      for (const p of ours) assert.ok(union.has(p), `${p} is not in any real WXR file`);
      const item = 'rss/channel/item';
      const everywhere = [...children(real[0], item)].filter((c) => real.every((s) => children(s, item).has(c)));
      assert.ok(everywhere.length >= 10, `the fixtures share ${everywhere.join(', ')}`);
      for (const c of everywhere) assert.ok(children(ours, item).has(c), `our items have no <${c}>`);
      const comment = `${item}/wp:comment`;
      for (const c of children(real[0], comment)) assert.ok(children(ours, comment).has(c), `our comments have no <${c}>`);
      assert.match(xml, /xmlns:wp="http:\/\/wordpress\.org\/export\/1\.2\/"/);
      assert.match(xml, /<wp:wxr_version>1\.2<\/wp:wxr_version>/);
    });
  });
}
