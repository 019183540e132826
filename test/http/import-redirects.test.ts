import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { importWordPress } from '../../src/domain/import/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-redirects-'));
const file = path.join(tmp, 'site.xml');
fs.writeFileSync(
  file,
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><link>https://old.example/blog</link><wp:base_site_url>https://old.example/blog</wp:base_site_url>
<item><title>Bridge reopens</title><link>https://old.example/blog/2019/03/bridge-reopens/</link><content:encoded><![CDATA[<p>Open.</p>]]></content:encoded>
<wp:post_id>41</wp:post_id><wp:post_date_gmt>2019-03-01 08:00:00</wp:post_date_gmt><wp:post_name>bridge-reopens</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>Secret draft</title><link>https://old.example/blog/?p=42</link><content:encoded><![CDATA[<p>Not yet.</p>]]></content:encoded>
<wp:post_id>42</wp:post_id><wp:post_name>secret-draft</wp:post_name><wp:status>draft</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>`,
);

for (const dialect of DIALECTS) {
  describe(`${dialect}: redirects for imported addresses`, () => {
    let app: TestApp;
    let id: number;
    before(async () => {
      app = await createTestApp(dialect);
      await importWordPress(app.importDeps, file);
      id = (await app.queries.listPublic({}, 10, 0)).items[0].id;
    });
    after(async () => app.cleanup());

    test('the old permalink (under the old blog folder) and ?p=ID answer 301 to the story; others stay 404', async () => {
      for (const url of ['/2019/03/bridge-reopens/', '/?p=41']) {
        const res = await app.server.inject(url);
        assert.equal(res.statusCode, 301, url);
        assert.equal(res.headers.location, `/news/${id}/bridge-reopens`);
        assert.equal((await app.server.inject(url)).headers.location, `/news/${id}/bridge-reopens`, 'and again from the cache');
      }
      assert.equal((await app.server.inject('/2019/03/no-such-post/')).statusCode, 404);
      assert.equal((await app.server.inject('/?p=999')).statusCode, 404);
      assert.equal((await app.server.inject('/?p=42')).statusCode, 404, 'a draft is no target: its slug stays private');
      assert.equal((await app.server.inject('/')).statusCode, 200, 'the home page itself is untouched');
    });

    test('a new slug or an unpublish reaches a cached redirect at once', async () => {
      assert.equal((await app.server.inject('/2019/03/bridge-reopens/')).statusCode, 301);
      await app.articles.update(id, parseArticleInput({ slug: 'bridge-reopens-at-last' }, 'update'), 'test');
      assert.equal((await app.server.inject('/2019/03/bridge-reopens/')).headers.location, `/news/${id}/bridge-reopens-at-last`);
      await app.articles.update(id, parseArticleInput({ status: 'draft' }, 'update'), 'test');
      assert.equal((await app.server.inject('/2019/03/bridge-reopens/')).statusCode, 404);
    });
  });
}
