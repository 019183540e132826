import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { easyRules, nextIp, validPost } from '../domain/comments-helpers.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/**
 * Typographer's quotes wherever a reader sees copy (src/domain/shared/typography.ts):
 * the page's title and share cards, captions and credits, corrections,
 * comments and the feeds. The APIs hand back what the editor typed, and no
 * address, code span or machine value is touched.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: curly quotes in every place copy is shown`, () => {
    let app: TestApp;
    let id: number;
    let path: string;

    before(async () => {
      app = await createTestApp(dialect);
      await easyRules(app);
      const png = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#357' } }).png().toBuffer();
      const image = await app.media.importImage(png, { alt: 'The quay', caption: `The "new" quay's edge`, credit: `Sam O'Neil` });
      const story = await app.articles.create(
        parseArticleInput(
          {
            headline: `Harbour "plan" isn't final`,
            dek: `The council's 'last word' waits`,
            bodyMarkdown: 'She typed `say("hi")` and [the "site"](https://ex.example/a\'b) and said "yes".',
            status: 'published',
            commentMode: 'open',
            featuredImageId: image.id,
            credit: `Reuters' desk`,
          },
          'create',
        ),
        'test',
      );
      id = story.id;
      path = `/news/${id}/${story.slug}`;
      await app.articles.addCorrection(id, `An earlier version said "Tuesday".`, 'test');
      const p = await validPost(app, id, nextIp(), { body: `I'd say "no" to it, see https://ex.example/q?x=1 now` });
      await app.comments.submit(p, p.raw);
    });
    after(async () => app.cleanup());

    test('the story page: title, meta, share cards, caption, credit, correction and comment', async () => {
      const html = (await app.server.inject({ url: path })).body;
      const head = html.slice(0, html.indexOf('</head>'));
      assert.match(head, /<title>Harbour “plan” isn’t final \| /);
      assert.match(head, /<meta name="description" content="The council’s ‘last word’ waits"/);
      assert.match(head, /<meta property="og:title" content="Harbour “plan” isn’t final"/);
      assert.match(head, /<meta name="twitter:description" content="The council’s ‘last word’ waits"/);
      assert.match(html, /<figcaption>The “new” quay’s edge <span class="credit">Sam O’Neil<\/span><\/figcaption>/);
      assert.match(html, /class="byline">Reuters’ desk</);
      assert.match(html, /said “Tuesday”\.<\/p>/);
      const comment = html.slice(html.indexOf('class="comment-body"'));
      assert.match(comment, /<p>I’d say “no” to it, see <a href="https:\/\/ex\.example\/q\?x=1" rel="nofollow ugc noopener">https:\/\/ex\.example\/q\?x=1<\/a> now<\/p>/);
      // Inside code and link addresses nothing changes.
      assert.match(html, /<code>say\(&quot;hi&quot;\)<\/code>/);
      assert.match(html, /href="https:\/\/ex\.example\/a&#39;b"/);
      // No straight quote is left in any text the reader sees outside code and the comment's address.
      const visible = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '').replace(/<[^>]*>/g, '');
      assert.ok(!/['"]|&quot;|&#39;/.test(visible), `straight quote left in: ${/.{0,40}(['"]|&quot;|&#39;).{0,40}/.exec(visible)?.[0]}`);
    });

    test('feeds curl titles, summaries and bodies; the Content and Admin APIs keep what was typed', async () => {
      const rss = (await app.server.inject({ url: '/feed.xml' })).body;
      assert.match(rss, /Harbour “plan” isn’t final/);
      assert.ok(!rss.includes(`Harbour "plan"`) && !rss.includes('Harbour &quot;plan&quot;'));
      assert.match(rss, /said “yes”/);
      assert.match(rss, /say\(&amp;quot;hi&amp;quot;\)|say\(&quot;hi&quot;\)/, 'code stays straight');
      const json = JSON.parse((await app.server.inject({ url: '/feed.json' })).body) as { items: Array<{ title: string }> };
      assert.equal(json.items[0].title, 'Harbour “plan” isn’t final');
      const found = JSON.parse((await app.server.inject({ url: '/api/content/v1/search?q=harbour' })).body) as { items: Array<{ headline: string; dek: string }> };
      assert.equal(found.items[0].headline, `Harbour "plan" isn't final`);
      assert.equal(found.items[0].dek, `The council's 'last word' waits`);
      const key = (await app.apiKeys.create('ed', 'editor', 'test')).key;
      const admin = (await app.server.inject({ url: `/api/admin/v1/articles/${id}`, headers: { authorization: `Bearer ${key}` } })).json();
      assert.equal(admin.article.headline, `Harbour "plan" isn't final`);
    });
  });
}
