import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parsePageInput } from '../../src/domain/pages/index.ts';
import { AppError } from '../../src/domain/shared/errors.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

const md = (title: string, extra: Record<string, unknown> = {}) => parsePageInput({ title, bodyMarkdown: `Text of ${title}.`, ...extra }, 'create');

/**
 * A public page's old address answers 301 to its new one (a redirect rule
 * written in the save's transaction), and renames in a row give one hop
 * from every old address, never a chain or a loop.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: renamed pages keep their old addresses`, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app.cleanup());

    const get = (url: string) => app.server.inject(url);
    /** Where a reader ends up and through how many redirects. */
    async function land(url: string): Promise<{ hops: number; status: number; path: string }> {
      let path = url;
      for (let hops = 0; hops < 15; hops++) {
        const res = await get(path);
        if (res.statusCode !== 301 && res.statusCode !== 302) return { hops, status: res.statusCode, path };
        path = String(res.headers.location);
      }
      throw new Error(`${url}: more than 15 redirects`);
    }
    const rulesFor = async () => (await app.redirectRules.list()).map((r) => `${r.source} ${r.status} ${r.target}`).sort();

    test('the old address answers 301 to the new one, also after it was cached', async () => {
      const p = await app.pages.create(md('Contact', { slug: 'contact', status: 'published' }));
      assert.equal((await get('/contact')).statusCode, 200, 'cached as a page first');
      await app.pages.update(p.id, { slug: 'write-to-us' });
      const res = await get('/contact');
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, '/write-to-us');
      assert.equal((await get('/contact/')).statusCode, 301, 'with a trailing slash too');
      assert.deepEqual(await land('/contact'), { hops: 1, status: 200, path: '/write-to-us' });
      const changes = await app.db.kysely.selectFrom('changes').select(['kind', 'tags']).where('kind', '=', 'redirect').execute();
      assert.ok(changes.some((c) => c.tags.split(' ').includes('redirects')), 'a redirect change, so every instance drops cached answers');
    });

    test('a chain of renames: every old address is one hop from the page; renaming back makes no loop', async () => {
      const p = await app.pages.create(md('Ethics', { slug: 'ethics', status: 'published' }));
      await app.pages.update(p.id, { slug: 'ethics-code' });
      await app.pages.update(p.id, { slug: 'standards' });
      await app.pages.update(p.id, { slug: 'our-standards' });
      for (const old of ['/ethics', '/ethics-code', '/standards']) assert.deepEqual(await land(old), { hops: 1, status: 200, path: '/our-standards' }, old);
      // Back to a name it had: that address is the page's again, and the others point at it.
      await app.pages.update(p.id, { slug: 'ethics' });
      assert.equal((await get('/ethics')).statusCode, 200);
      for (const old of ['/ethics-code', '/standards', '/our-standards']) assert.deepEqual(await land(old), { hops: 1, status: 200, path: '/ethics' }, old);
      const mine = (await rulesFor()).filter((r) => /standards|ethics/.test(r));
      assert.deepEqual(mine, ['/ethics-code 301 /ethics', '/our-standards 301 /ethics', '/standards 301 /ethics'], 'no rule from the page\'s own address, none chained');
    });

    test('an editor\'s rule into the old address is pointed at the new one; a draft never public leaves no rule', async () => {
      const p = await app.pages.create(md('Jobs', { slug: 'jobs', status: 'published' }));
      await app.redirectRules.create({ source: '/careers', target: '/jobs' });
      await app.pages.update(p.id, { slug: 'work-with-us' });
      assert.deepEqual(await land('/careers'), { hops: 1, status: 200, path: '/work-with-us' });
      const before = await rulesFor();
      const draft = await app.pages.create(md('Plans', { slug: 'plans' }));
      await app.pages.update(draft.id, { slug: 'secret-plans' });
      assert.deepEqual(await rulesFor(), before, 'the draft\'s first address was never public');
    });

    test('a rename that would close a loop through an editor\'s prefix rule is refused, and nothing of it is stored', async () => {
      const p = await app.pages.create(md('Shop', { slug: 'shop', status: 'published' }));
      // A prefix rule at the new address sends /store (and everything below it) back to /shop.
      await app.redirectRules.create({ match: 'prefix', source: '/store', target: '/shop' });
      const before = await rulesFor();
      await assert.rejects(app.pages.update(p.id, { slug: 'store' }), (e: AppError) => e.status === 422 && e.field === 'slug' && /loop/.test(e.message));
      assert.deepEqual(await rulesFor(), before);
      assert.equal((await app.pages.get(p.id)).slug, 'shop', 'the save rolled back whole');
    });
  });
}
