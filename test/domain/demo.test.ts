import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { docText, parseArticleInput, wordCount, type Article } from '../../src/domain/articles/index.ts';
import {
  DEMO_IMAGES, DEMO_PEOPLE, DEMO_SECTIONS, DEMO_STORIES, imageSvg, publishTime, seedDemo, storyDoc,
} from '../../src/domain/demo/index.ts';
import { AppError } from '../../src/domain/shared/errors.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

const HOUR = 3_600_000;

async function allArticles(app: TestApp): Promise<Article[]> {
  const page = await app.queries.listAll({}, 500, 0, app.likeOp);
  return Promise.all(page.items.map((s) => app.articles.get(s.id)));
}

describe('demo content as data', () => {
  const fakeIds = new Map(DEMO_IMAGES.map((img, i) => [img.key, i + 1]));

  test('every story passes the Admin API input parser and refers to known sections, people and images', () => {
    const sections = new Set(DEMO_SECTIONS.map((s) => s.slug));
    const people = new Set(DEMO_PEOPLE.map((p) => p.slug));
    for (const s of DEMO_STORIES) {
      assert.ok(sections.has(s.section), `${s.headline}: section ${s.section}`);
      for (const b of s.bylines ?? []) assert.ok(people.has(b), `${s.headline}: byline ${b}`);
      assert.ok((s.bylines?.length ?? 0) > 0 || s.credit, `${s.headline} has neither byline nor credit`);
      if (s.image) assert.ok(fakeIds.has(s.image), `${s.headline}: image ${s.image}`);
      const input = parseArticleInput({ headline: s.headline, dek: s.dek, dateline: s.dateline, body: storyDoc(s, fakeIds), tags: s.tags }, 'create');
      assert.ok(input.body!.content.length > 3);
    }
  });

  test('bodies are 150 to 600 words, features about 1,200 with three subheadings', () => {
    let features = 0;
    for (const s of DEMO_STORIES) {
      const doc = storyDoc(s, fakeIds);
      const words = wordCount(docText(doc));
      if (words > 800) {
        features++;
        assert.ok(words >= 1000, `${s.headline}: ${words} words`);
        assert.ok(doc.content.filter((b) => b.type === 'heading').length >= 3, `${s.headline} needs three subheadings`);
      } else assert.ok(words >= 150 && words <= 600, `${s.headline}: ${words} words`);
    }
    assert.ok(features >= 3);
  });

  test('pictures are deterministic per key and distinct between keys', () => {
    const svgs = DEMO_IMAGES.map(imageSvg);
    assert.deepEqual(DEMO_IMAGES.map(imageSvg), svgs);
    assert.equal(new Set(svgs).size, svgs.length);
  });

  test('publish times never move later than asked, and land on five-minute marks', () => {
    const now = new Date('2026-05-21T10:03:27Z');
    for (const s of DEMO_STORIES) {
      const at = publishTime(now, s.hoursAgo, s.headline);
      assert.ok(at.getTime() <= now.getTime() - s.hoursAgo * HOUR);
      assert.ok(at.getTime() > now.getTime() - (s.hoursAgo + 1) * HOUR);
      assert.equal(at.getTime() % 300_000, 0);
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: seedDemo`, () => {
    let app: TestApp;
    let result: { articles: number; images: number };
    let articles: Article[];
    let ms = 0;
    before(async () => {
      app = await createTestApp(dialect);
      const t0 = performance.now();
      result = await seedDemo(app, { now: app.clock.now() });
      ms = performance.now() - t0;
      articles = await allArticles(app);
    });
    after(async () => app.cleanup());

    test('creates the newsroom: settings, nested sections, people with photos, tags', async (t) => {
      t.diagnostic(`${dialect}: seeded ${result.articles} stories and ${result.images} images in ${Math.round(ms)} ms`);
      assert.ok(result.articles >= 40);
      assert.equal(articles.length, result.articles);
      const settings = await app.settings.get();
      assert.equal(settings.name, 'The Dateline Daily');
      assert.equal(settings.timeZone, 'Asia/Tehran');
      const sections = await app.sections.list();
      assert.ok(sections.length >= 5);
      assert.ok(sections.some((s) => s.parentId !== null));
      const people = await app.people.list();
      assert.ok(people.length >= 6 && people.every((p) => p.bio && p.roleTitle));
      const photos = people.filter((p) => p.photoImageId !== null);
      assert.ok(photos.length >= 2);
      for (const p of photos) assert.ok((await app.media.get(p.photoImageId!)).variants.length > 0);
      assert.ok((await app.tags.list()).length >= 15);
    });

    test('published stories are public, spread over three weeks, several in the last 48 hours', async () => {
      const now = app.clock.now().getTime();
      const page = await app.queries.listPublic({}, 100, 0);
      assert.equal(page.total, articles.filter((a) => a.status === 'published').length);
      assert.ok(page.total >= 40);
      const ages = page.items.map((s) => (now - s.publishedAt!.getTime()) / HOUR);
      assert.ok(ages.every((h) => h > 0 && h < 24 * 22));
      assert.ok(ages.filter((h) => h < 48).length >= 5);
      assert.ok(ages.some((h) => h > 24 * 14));
      const found = await app.queries.findPublic(page.items[0].id);
      assert.equal(found.state, 'visible');
    });

    test('one story is scheduled, hidden until its time comes', async () => {
      const scheduled = articles.filter((a) => a.status === 'scheduled');
      assert.equal(scheduled.length, 1);
      assert.ok(scheduled[0].publishedAt!.getTime() > app.clock.now().getTime());
      assert.equal((await app.queries.findPublic(scheduled[0].id)).state, 'missing');
    });

    test('corrections, agency credits and rich bodies are there', () => {
      assert.ok(articles.some((a) => a.corrections.length === 2));
      const credited = articles.filter((a) => a.credit && a.bylines.length === 0);
      assert.ok(credited.length >= 2);
      assert.ok(articles.every((a) => a.bylines.length > 0 || a.credit));
      assert.ok(articles.every((a) => a.dateline && a.dek && a.section));
      const kinds = new Set(articles.flatMap((a) => a.body.content.map((b) => b.type)));
      for (const k of ['heading', 'blockquote', 'pullQuote', 'bulletList', 'orderedList', 'image']) assert.ok(kinds.has(k as never), k);
      assert.ok(articles.filter((a) => a.featuredImage).length >= articles.length * 0.75);
      assert.ok(articles.some((a) => a.dateline === 'Tehran'));
      for (const a of articles) {
        for (const b of a.body.content) if (b.type === 'image') assert.ok(a.bodyImages.get(b.attrs.imageId)?.credit, `${a.headline}: body image`);
      }
    });

    test('images carry alt, caption, credit and variants that exist on disk', async () => {
      const images = await app.media.list(100, 0);
      assert.equal(images.length, result.images);
      assert.ok(images.length >= 16);
      for (const img of images) {
        assert.ok(img.alt && img.caption && img.credit);
        assert.ok(img.variants.some((v) => v.format === 'webp') && img.variants.some((v) => v.format === 'jpeg'));
        for (const v of img.variants) assert.ok(fs.statSync(path.join(app.config.dataDir, 'media', img.key, v.file)).size > 0);
      }
    });

    test('a second run is refused with CONFLICT and writes nothing; a bad date is refused first', async () => {
      await assert.rejects(seedDemo(app, { now: app.clock.now() }), (e: AppError) => e.code === 'CONFLICT' && e.status === 409);
      await assert.rejects(seedDemo(app, { now: new Date('nonsense') }), (e: AppError) => e.code === 'VALIDATION_FAILED');
      assert.equal((await app.queries.listAll({}, 1, 0, app.likeOp)).total, articles.length);
      assert.equal((await app.media.list(100, 0)).length, result.images);
    });

    test('force adds the stories again next to existing content, reusing sections and people, keeping settings', async () => {
      await app.settings.update({ name: 'Renamed Daily' });
      const sectionsBefore = (await app.sections.list()).length;
      const peopleBefore = (await app.people.list()).length;
      const again = await seedDemo(app, { now: app.clock.now(), force: true });
      assert.equal(again.articles, result.articles);
      assert.equal((await app.queries.listAll({}, 1, 0, app.likeOp)).total, 2 * result.articles);
      assert.equal((await app.sections.list()).length, sectionsBefore);
      assert.equal((await app.people.list()).length, peopleBefore);
      assert.equal((await app.settings.get()).name, 'Renamed Daily');
    });
  });

  describe(`${dialect}: seedDemo on a database someone has started`, () => {
    let app: TestApp;
    before(async () => (app = await createTestApp(dialect)));
    after(async () => app.cleanup());

    test('one tag is enough to refuse, and nothing is written', async () => {
      await app.tags.create({ name: 'Local' });
      await assert.rejects(seedDemo(app), (e: AppError) => e.code === 'CONFLICT');
      assert.equal((await app.sections.list()).length, 0);
      assert.equal((await app.media.list(10, 0)).length, 0);
      assert.equal((await app.settings.get()).timeZone, 'UTC');
    });
  });
}
