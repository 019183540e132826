import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { AppError } from '../../src/domain/shared/errors.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

export const HOSTILE_QUERIES = [
  '"unbalanced', 'a "b c', '""', '"', 'AND', 'OR NOT', 'harbour AND', 'NEAR(harbour tram, 2)', 'harb*', '^harbour', 'headline:harbour',
  '(harbour', 'harbour)', '{headline}: x', "' OR 1=1--", "'; DROP TABLE articles;--", '1; DROP TABLE search_documents', "' UNION SELECT * FROM api_keys--",
  'x'.repeat(10_000), 'harbour '.repeat(2000), '\u0000harbour\u0001\u0002', '\u202Eharbour\u202C', 'sp\u200Bam', '%_%', '\\', "''", ':', '*', '-', '+harbour -tram',
  '\uD800', 'ﬁsh', 'Ｈａｒｂｏｕｒ', 'محمد', '李雷', '🙂', '<script>alert(1)</script>', '&amp;', 'a'.repeat(300),
];

for (const dialect of DIALECTS) {
  describe(`${dialect}: search filters, ranking, snippets and hostile queries`, () => {
    let app: TestApp;
    const made: Record<string, number> = {};
    const story = async (name: string, fields: Record<string, unknown>) => {
      made[name] = (await app.articles.create(parseArticleInput({ status: 'published', ...fields }, 'create'), 'test')).id;
    };

    before(async () => {
      app = await createTestApp(dialect);
      const world = await app.sections.create({ name: 'World', slug: 'world' });
      const mideast = await app.sections.create({ name: 'Middle East', slug: 'middle-east', parentId: world.id });
      await app.sections.create({ name: 'Gulf', slug: 'gulf', parentId: mideast.id });
      await app.sections.create({ name: 'City', slug: 'city' });
      await app.people.create({ name: 'Sara Ahmadi' });
      await app.people.create({ name: 'Reza Karimi' });
      await story('old', { headline: 'Harbour strike ends', bodyMarkdown: 'The harbour reopened.', section: 'city', bylines: ['sara-ahmadi'], publishedAt: '2026-01-10T08:00:00Z' });
      await story('mid', { headline: 'Ferry timetable', bodyMarkdown: 'Ferries leave the harbour hourly. Harbour harbour harbour.', section: 'world', bylines: ['reza-karimi'], publishedAt: '2026-03-05T08:00:00Z' });
      await story('new', { headline: 'Harbour tunnel plan', bodyMarkdown: 'A tunnel under the harbour.', section: 'middle-east', bylines: ['sara-ahmadi', 'reza-karimi'], publishedAt: '2026-05-01T08:00:00Z' });
      await story('deep', { headline: 'Lagoon survey', bodyMarkdown: 'Divers mapped the lagoon.', section: 'gulf', publishedAt: '2026-04-01T08:00:00Z' });
      await story('xss', { headline: 'Markup <b>bold</b> headline', bodyMarkdown: 'The text `<script>alert(1)</script>` appeared in the lighthouse log & more.', publishedAt: '2026-02-01T08:00:00Z' });
    });
    after(async () => app.cleanup());

    const search = (p: Record<string, unknown>) => app.search.search(p);
    const ids = async (p: Record<string, unknown>) => (await search(p)).items.map((i) => i.id);

    test('sort by newest, and relevance puts the headline match first', async () => {
      assert.deepEqual(await ids({ q: 'harbour', sort: 'newest' }), [made.new, made.mid, made.old]);
      const rel = await ids({ q: 'harbour' });
      assert.equal(rel.length, 3);
      assert.notEqual(rel[0], made.mid, 'a body-only match does not outrank headline matches');
    });

    test('filters: section (with subsections), author, date range in the edition time zone', async () => {
      assert.deepEqual(await ids({ q: 'harbour', section: 'city' }), [made.old]);
      assert.deepEqual((await ids({ q: 'harbour', section: 'world', sort: 'newest' })), [made.new, made.mid]);
      assert.deepEqual(await ids({ q: 'harbour', author: 'reza-karimi', sort: 'newest' }), [made.new, made.mid]);
      assert.deepEqual(await ids({ q: 'harbour', from: '2026-03-01', to: '2026-03-31' }), [made.mid]);
      assert.deepEqual(await ids({ q: 'harbour', to: '2026-01-10' }), [made.old], 'the "to" day is included');
      assert.deepEqual(await ids({ q: 'harbour', section: 'nope' }), []);
      for (const section of ['world', 'middle-east', 'gulf']) assert.deepEqual(await ids({ q: 'lagoon', section }), [made.deep], `${section} holds its sub-subsection`);
      assert.deepEqual(await ids({ q: 'lagoon', section: 'city' }), []);
      // 2026-01-10T08:00Z is 11:30 in Tehran; the day 2026-01-10 there starts at 2026-01-09T20:30Z.
      assert.deepEqual((await app.search.search({ q: 'harbour', from: '2026-01-10', to: '2026-01-10' }, 'Asia/Tehran')).items.map((i) => i.id), [made.old]);
      assert.deepEqual((await app.search.search({ q: 'harbour', from: '2026-01-09', to: '2026-01-09' }, 'Pacific/Pago_Pago')).items.map((i) => i.id), [made.old]);
      assert.deepEqual((await app.search.search({ q: 'harbour', from: '2026-01-10', to: '2026-01-10' }, 'Pacific/Pago_Pago')).items.map((i) => i.id), []);
    });

    test('bad filter values are 400s naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ q: 'x', from: '2026-13-01' }, 'from'], [{ q: 'x', to: '2026-02-30' }, 'to'], [{ q: 'x', from: 'yesterday' }, 'from'],
        [{ q: 'x', from: '2026-05-02', to: '2026-05-01' }, 'to'], [{ q: 'x', sort: 'created_at;DROP' }, 'sort'],
        [{ q: 'x', limit: '0' }, 'limit'], [{ q: 'x', limit: '51' }, 'limit'], [{ q: 'x', offset: '-1' }, 'offset'],
        [{ q: 'x', offset: '1e3' }, 'offset'], [{ q: 'x', section: "' OR 1=1" }, 'section'], [{ q: ['a', 'b'] }, 'q'], [{ q: 'x', author: ['a'] }, 'author'],
      ];
      for (const [p, field] of cases) {
        await assert.rejects(search(p), (e: AppError) => e instanceof AppError && e.status === 400 && e.field === field, JSON.stringify(p));
      }
    });

    test('pagination: 20 a page, no overlap, a count', async () => {
      for (let i = 0; i < 25; i++) await story(`p${i}`, { headline: `Lighthouse keeper diary ${i}`, publishedAt: new Date(Date.UTC(2026, 3, 1, i)).toISOString() });
      const p1 = await search({ q: 'lighthouse keeper', sort: 'newest' });
      const p2 = await search({ q: 'lighthouse keeper', sort: 'newest', offset: 20 });
      assert.equal(p1.total, 25);
      assert.equal(p2.total, 25);
      assert.equal(p1.items.length, 20);
      assert.equal(p2.items.length, 5);
      assert.equal(new Set([...p1.items, ...p2.items].map((i) => i.id)).size, 25);
      assert.equal(p1.items[0].headline, 'Lighthouse keeper diary 24');
      const past = await search({ q: 'lighthouse keeper', offset: 40 });
      assert.equal(past.items.length, 0);
      assert.equal(past.total, 25);
    });

    test('snippets and headlines are escaped, with only <mark> added', async () => {
      const r = await search({ q: 'lighthouse log' });
      const hit = r.items.find((i) => i.id === made.xss)!;
      assert.ok(hit, 'the story is found');
      assert.match(hit.snippetHtml, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.match(hit.snippetHtml, /<mark>lighthouse<\/mark>/);
      assert.doesNotMatch(hit.snippetHtml.replace(/<\/?mark>/g, ''), /[<>]/);
      const h = (await search({ q: 'markup' })).items[0];
      assert.equal(h.headlineHtml, '<mark>Markup</mark> &lt;b&gt;bold&lt;/b&gt; headline');
      const s = (await search({ q: 'script' })).items[0];
      assert.equal(s?.id, made.xss);
      assert.match(s.snippetHtml, /&lt;<mark>script<\/mark>&gt;/);
    });

    test('quoted phrases match in order only', async () => {
      assert.deepEqual(await ids({ q: '"tunnel under the harbour"' }), [made.new]);
      assert.deepEqual(await ids({ q: '"harbour under the tunnel"' }), []);
    });

    test('hostile queries give results or a clear notice, never an unexpected error; tables intact', async () => {
      const before = { n: (await app.queries.listPublic({}, 100, 0)).total, keys: (await app.apiKeys.list()).length };
      for (const q of HOSTILE_QUERIES) {
        const r = await search({ q });
        assert.ok(Array.isArray(r.items), q.slice(0, 40));
        assert.ok(r.query.length <= 200, 'the query is capped');
      }
      const long = await search({ q: 'harbour '.repeat(100) });
      assert.ok(long.notices.some((n) => /too long/.test(n)));
      assert.ok((await search({ q: '"unbalanced harbour' })).notices.some((n) => /quotation mark/.test(n)));
      assert.deepEqual((await search({ q: 'harbour AND tunnel' })).items.map((i) => i.id), [made.new]);
      assert.equal((await search({ q: '   ' })).total, 0);
      assert.equal((await app.queries.listPublic({}, 100, 0)).total, before.n);
      assert.equal((await app.apiKeys.list()).length, before.keys);
      assert.equal((await search({ q: 'harbour' })).total, 3, 'the index still answers');
    });

    test('house spellings: CRUD with validation, and the search notice', async () => {
      const hs = app.houseSpellings;
      const { record, created } = await hs.put('  Qaani ', 'editor:1');
      assert.equal(created, true);
      assert.deepEqual([record.key, record.spelling], ['kani', 'Qaani']);
      assert.equal(hs.preferredFor('kani'), 'Qaani');
      const again = await hs.put("Qa'ani", 'editor:2');
      assert.equal(again.created, false, 'one spelling per key: a second spelling replaces the first');
      assert.deepEqual((await hs.list()).map((r) => [r.key, r.spelling]), [['kani', "Qa'ani"]]);
      for (const bad of ['', ' ', 'x'.repeat(101), '123', '!!!', 'Qa\u202Eani', 'Qa\u0000ani', 42, null, { spelling: 'x' }]) {
        await assert.rejects(hs.put(bad, 'e'), (e: AppError) => e.status === 422 && e.field === 'spelling', JSON.stringify(bad));
      }
      await story('gh', { headline: 'Envoy talks', bodyMarkdown: 'General Ghaani spoke.' });
      const r = await search({ q: 'Ghaani' });
      assert.deepEqual(r.houseSpellings, [{ term: 'Ghaani', spelling: "Qa'ani" }]);
      assert.deepEqual((await search({ q: "Qa'ani" })).houseSpellings, [], 'no notice when the house spelling was typed');
      await hs.remove({ spelling: 'Ghaani' }, 'e');
      assert.equal(hs.preferredFor('kani'), undefined);
      await assert.rejects(hs.remove({ key: 'kani' }, 'e'), (e: AppError) => e.status === 404);
      await hs.put('Gaddafi', 'e');
      await hs.remove({ key: 'kadfi' }, 'e');
      assert.deepEqual(await hs.list(), []);
    });
  });
}
