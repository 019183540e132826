import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { markdownToDoc, parseDoc, type Doc, type ImageInfo } from '../../src/domain/articles/index.ts';
import { BUILT_IN_EMBEDS, EmbedProviders, parseConfiguredProviders } from '../../src/domain/embeds/index.ts';
import { docToFeedHtml } from '../../src/domain/feeds/feed-html.ts';
import { htmlToDoc } from '../../src/domain/import/index.ts';
import { lexicalToHtml, mobiledocToHtml } from '../../src/domain/import/ghost.content.ts';
import { docToMarkdown } from '../../src/http/admin/stories/doc-markdown.ts';
import { renderDocument } from '../../src/http/site/render/document.ts';
import { embedFrameOrigins } from '../../src/http/site/render/embed.ts';

/** The provider table, the embed node's validator, and every place that reads or writes an embed (no database). */

const YT = 'dQw4w9WgXcQ';
const FLOURISH: Parameters<typeof parseConfiguredProviders>[0] = JSON.stringify([
  { id: 'flourish', name: 'Flourish', schemes: ['https://public.flourish.studio/visualisation/*'], oembed: 'https://app.flourish.studio/api/v1/oembed', frameOrigin: 'https://flo.uri.sh' },
]);

describe('embed provider table', () => {
  const cases: Array<[string, string, string, string]> = [
    [`https://www.youtube.com/watch?v=${YT}`, 'youtube', `https://www.youtube.com/watch?v=${YT}`, `https://www.youtube-nocookie.com/embed/${YT}?autoplay=1`],
    [`https://youtu.be/${YT}?t=42`, 'youtube', `https://www.youtube.com/watch?v=${YT}&t=42`, `https://www.youtube-nocookie.com/embed/${YT}?autoplay=1&start=42`],
    [`https://m.youtube.com/shorts/${YT}`, 'youtube', `https://www.youtube.com/watch?v=${YT}`, `https://www.youtube-nocookie.com/embed/${YT}?autoplay=1`],
    ['https://vimeo.com/76979871', 'vimeo', 'https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871?autoplay=1&dnt=1'],
    ['https://player.vimeo.com/video/76979871', 'vimeo', 'https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871?autoplay=1&dnt=1'],
    ['https://twitter.com/jack/status/20', 'x', 'https://x.com/jack/status/20', 'https://platform.twitter.com/embed/Tweet.html?id=20&dnt=true'],
    ['https://x.com/NASA/status/1790000000000000000?s=20', 'x', 'https://x.com/NASA/status/1790000000000000000', 'https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000&dnt=true'],
    ['https://www.instagram.com/p/CxYz12345/', 'instagram', 'https://www.instagram.com/p/CxYz12345/', 'https://www.instagram.com/p/CxYz12345/embed/'],
    ['https://www.tiktok.com/@scout2015/video/6718335390845095173', 'tiktok', 'https://www.tiktok.com/@scout2015/video/6718335390845095173', 'https://www.tiktok.com/embed/v2/6718335390845095173'],
    ['https://soundcloud.com/forss/flickermood', 'soundcloud', 'https://soundcloud.com/forss/flickermood', 'https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fforss%2Fflickermood&auto_play=true&visual=true'],
    ['https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC', 'spotify', 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC', 'https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC'],
    ['https://www.google.com/maps/place/Azadi+Tower/@35.69,51.33,15z', 'google-maps', 'https://www.google.com/maps/search/?api=1&query=Azadi%20Tower', 'https://www.google.com/maps?q=Azadi%20Tower&output=embed'],
  ];
  for (const [input, provider, url, player] of cases) {
    test(`${input} → ${provider}`, () => {
      const t = BUILT_IN_EMBEDS.match(input);
      assert.ok(t, input);
      assert.equal(t.provider.id, provider);
      assert.equal(t.url, url);
      assert.equal(t.player, player);
      assert.equal(new URL(player).origin, t.provider.frameOrigin, 'the player is always on the origin the CSP lets in');
      // What we store reads back as the same embed.
      assert.deepEqual(BUILT_IN_EMBEDS.match(t.url), t);
    });
  }

  test('hostile and look-alike addresses are not embeds', () => {
    const refused = [
      `javascript:alert(1)//https://www.youtube.com/watch?v=${YT}`,
      `JaVaScRiPt:alert(1)`,
      `data:text/html,<script>alert(1)</script>`,
      `//www.youtube.com/watch?v=${YT}`,
      `https://www.youtube.com.evil.test/watch?v=${YT}`,
      `https://evilyoutube.com/watch?v=${YT}`,
      `https://www.yоutube.com/watch?v=${YT}`, // Cyrillic о
      `https://www.youtube.com./watch?v=${YT}`,
      `https://evil.test@www.youtube.com/watch?v=${YT}`,
      `https://www.youtube.com@evil.test/watch?v=${YT}`,
      `https://www.youtube.com:8443/watch?v=${YT}`,
      `https://www.youtube.com/watch?v=${YT}"><script>`,
      `https://www.youtube.com/watch?v=${YT}\nhttps://evil.test`,
      ` https://www.youtube.com/watch?v=${YT}`,
      `https://www.youtube.com\\@evil.test/watch?v=${YT}`,
      `https://www.youtube.com/watch?v=short`,
      `https://www.youtube.com/watch?v=${YT}&v=x`.replace(YT, '../../evil'),
      `https://vimeo.com/76979871/../../evil`,
      `https://player.vimeo.com.evil.test/video/1`,
      `https://soundcloud.com/forss/flickermood/../../x`,
      `https://w.soundcloud.com/player/?url=https://evil.test/a/b`,
      `https://www.google.com/search?q=x`,
      `https://www.google.com/maps/embed?pb=<script>`,
      `https://www.youtube.com/watch?v=${YT}` + '&x=' + 'a'.repeat(5000),
      `ftp://www.youtube.com/watch?v=${YT}`,
      42,
      null,
    ];
    for (const raw of refused) assert.equal(BUILT_IN_EMBEDS.match(raw), null, String(raw).slice(0, 80));
  });

  test('configured oEmbed providers: their schemes only, https only, player only on their frame origin', () => {
    const table = new EmbedProviders(parseConfiguredProviders(FLOURISH));
    const t = table.match('https://public.flourish.studio/visualisation/123/');
    assert.equal(t?.provider.id, 'flourish');
    assert.equal(t?.player, null);
    assert.equal(table.match('http://public.flourish.studio/visualisation/123/'), null);
    assert.equal(table.match('https://public.flourish.studio.evil.test/visualisation/123/'), null);
    assert.equal(BUILT_IN_EMBEDS.match('https://public.flourish.studio/visualisation/123/'), null, 'not in the built-in table');
    assert.equal(table.playerFor(t!, 'https://flo.uri.sh/visualisation/123/embed'), 'https://flo.uri.sh/visualisation/123/embed');
    assert.equal(table.playerFor(t!, 'https://evil.test/visualisation/123/embed'), null);
    assert.equal(table.playerFor(t!, 'javascript:alert(1)'), null);
    assert.throws(() => parseConfiguredProviders('[{"id":"youtube","name":"x","schemes":["https://a.test/*"],"oembed":"https://a.test/o","frameOrigin":"https://a.test"}]'), /id/);
    assert.throws(() => parseConfiguredProviders('[{"id":"a","name":"A","schemes":["https://a.test/*"],"oembed":"https://a.test/o","frameOrigin":"http://a.test"}]'), /frameOrigin/);
  });
});

describe('embed node', () => {
  const embed = (attrs: Record<string, unknown>) => ({ type: 'doc', content: [{ type: 'embed', attrs }] });

  test('stored as the table rebuilt it; unknown attributes dropped', () => {
    const doc = parseDoc(embed({ url: `https://youtu.be/${YT}`, title: 'Never', onclick: 'alert(1)' }));
    assert.deepEqual(doc.content[0], { type: 'embed', attrs: { url: `https://www.youtube.com/watch?v=${YT}`, title: 'Never' } });
  });

  test('refused with a 422 naming the node: hostile address, long title, bad thumbnail, foreign player', () => {
    for (const [attrs, field] of [
      [{ url: 'javascript:alert(1)' }, 'body.content[0].attrs.url'],
      [{ url: 'https://evil.test/watch?v=' + YT }, 'body.content[0].attrs.url'],
      [{ url: 'x'.repeat(100_000) }, 'body.content[0].attrs.url'],
      [{}, 'body.content[0].attrs.url'],
      [{ url: `https://youtu.be/${YT}`, title: 'x'.repeat(301) }, 'body.content[0].attrs.title'],
      [{ url: `https://youtu.be/${YT}`, thumbnailId: 'a' }, 'body.content[0].attrs.thumbnailId'],
    ] as const) {
      assert.throws(() => parseDoc(embed(attrs)), (e: { status: number; problems: Array<{ field: string }> }) => e.status === 422 && e.problems[0].field === field, JSON.stringify(attrs).slice(0, 80));
    }
  });

  test("a player address is kept only for a configured provider, and only on its frame origin", () => {
    const table = new EmbedProviders(parseConfiguredProviders(FLOURISH));
    const url = 'https://public.flourish.studio/visualisation/123/';
    assert.deepEqual(parseDoc(embed({ url: `https://youtu.be/${YT}`, player: 'https://evil.test/' })).content[0], { type: 'embed', attrs: { url: `https://www.youtube.com/watch?v=${YT}` } });
    assert.equal((parseDoc(embed({ url, player: 'https://flo.uri.sh/visualisation/123/embed' }), 'body', table).content[0] as { attrs: { player: string } }).attrs.player, 'https://flo.uri.sh/visualisation/123/embed');
    assert.throws(() => parseDoc(embed({ url, player: 'https://evil.test/visualisation/123/embed' }), 'body', table), (e: { problems: Array<{ field: string }> }) => e.problems[0].field === 'body.content[0].attrs.player');
    assert.throws(() => parseDoc(embed({ url }), 'body'), /Flourish|YouTube/, 'the built-in table alone refuses it');
  });

  test('Markdown: an address alone on its line (bare or <…>) is an embed; in a sentence it is text; the textarea round-trips it', () => {
    const doc = markdownToDoc(`Before.\n\nhttps://vimeo.com/76979871\n\n<https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC>\n\nSee https://vimeo.com/76979871 too.\n\nhttps://evil.test/watch`);
    assert.deepEqual(doc.content.map((b) => b.type), ['paragraph', 'embed', 'embed', 'paragraph', 'paragraph']);
    assert.equal((doc.content[1] as { attrs: { url: string } }).attrs.url, 'https://vimeo.com/76979871');
    const again = markdownToDoc(docToMarkdown(doc));
    assert.deepEqual(again.content.filter((b) => b.type === 'embed'), doc.content.filter((b) => b.type === 'embed'));
  });

  test('import: known frames, bare URL lines, Gutenberg embed blocks and tweet blockquotes become embeds; other frames stay links', () => {
    const { doc } = htmlToDoc(
      `<p>Intro</p>\n<iframe src="https://www.youtube.com/embed/${YT}" onload="alert(1)"></iframe>\n` +
        `https://soundcloud.com/forss/flickermood\n\n` +
        `<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">\nhttps://vimeo.com/76979871\n</div></figure>` +
        `<blockquote class="twitter-tweet"><p>Hello</p>&mdash; Jack (@jack) <a href="https://twitter.com/jack/status/20">March 21, 2006</a></blockquote><script src="https://platform.twitter.com/widgets.js"></script>` +
        `<iframe src="https://evil.test/frame"></iframe>`,
    );
    const types = doc.content.map((b) => (b.type === 'embed' ? `embed:${b.attrs.url}` : b.type));
    assert.deepEqual(types, [
      'paragraph',
      `embed:https://www.youtube.com/watch?v=${YT}`,
      'embed:https://soundcloud.com/forss/flickermood',
      'embed:https://vimeo.com/76979871',
      'embed:https://x.com/jack/status/20',
      'paragraph',
    ]);
    parseDoc(doc);
  });
});

test('Ghost: mobiledoc and lexical embed cards become embeds; a card with a hostile address does not', () => {
  const mobiledoc = JSON.stringify({ version: '0.3.1', cards: [['embed', { url: 'https://vimeo.com/76979871', html: '<iframe src="https://evil.test"></iframe>' }], ['embed', { url: 'javascript:alert(1)' }]], sections: [[10, 0], [10, 1]] });
  const lexical = JSON.stringify({ root: { children: [{ type: 'embed', url: `https://www.youtube.com/watch?v=${YT}`, html: '<script>alert(1)</script>' }] } });
  const fromMobiledoc = htmlToDoc(mobiledocToHtml(mobiledoc)).doc.content;
  assert.deepEqual(fromMobiledoc[0], { type: 'embed', attrs: { url: 'https://vimeo.com/76979871' } });
  assert.ok(fromMobiledoc.slice(1).every((b) => b.type === 'paragraph'), 'the hostile address is text, not an embed or a link');
  assert.deepEqual(htmlToDoc(lexicalToHtml(lexical)).doc.content, [{ type: 'embed', attrs: { url: `https://www.youtube.com/watch?v=${YT}` } }]);
});

describe('embed rendering', () => {
  const thumb: ImageInfo = {
    id: 5, key: 'th', mime: 'image/jpeg', width: 480, height: 360, alt: '', caption: '', credit: 'YouTube',
    variants: [{ width: 320, height: 240, format: 'jpeg', file: '320.jpg' }, { width: 320, height: 240, format: 'webp', file: '320.webp' }],
  };
  const ctx = { images: new Map([[5, thumb]]), dateline: '', siteUrl: 'https://news.example', lang: 'en', embeds: BUILT_IN_EMBEDS };
  const doc = (attrs: Record<string, unknown>): Doc => ({ type: 'doc', content: [{ type: 'embed', attrs: attrs as never }] });

  test('a facade: a link to the post, our thumbnail, the title, the player address from the table; nothing from the provider', () => {
    const html = renderDocument(doc({ url: `https://www.youtube.com/watch?v=${YT}`, title: 'A <b>song</b>', thumbnailId: 5, caption: 'Cap & more' }), ctx);
    assert.match(html, /^<figure class="embed embed-youtube"><a class="embed-facade" href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ" rel="noopener nofollow" data-embed-player="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ\?autoplay=1"/);
    assert.match(html, /<span class="embed-title">A &lt;b&gt;song&lt;\/b&gt;<\/span>/);
    assert.match(html, /<img src="\/media\/th\/320\.jpg"/);
    assert.match(html, /<figcaption>Cap &amp; more<\/figcaption>/);
    assert.doesNotMatch(html, /<iframe|<script|ytimg|src="https?:/, 'no third-party resource before the click');
  });

  test('no thumbnail: the neutral placeholder and the provider name as title', () => {
    const html = renderDocument(doc({ url: 'https://vimeo.com/76979871' }), ctx);
    assert.match(html, /<span class="embed-placeholder" aria-hidden="true"><\/span>/);
    assert.match(html, /<span class="embed-title">Vimeo<\/span>/);
  });

  test('a stored player is ignored for built-ins, and an address the table no longer knows renders nothing', () => {
    const html = renderDocument(doc({ url: `https://www.youtube.com/watch?v=${YT}`, player: 'https://evil.test/x' }), ctx);
    assert.doesNotMatch(html, /evil/);
    assert.equal(renderDocument(doc({ url: 'https://evil.test/watch' }), ctx), '');
  });

  test('frame origins: only those of the providers on the page, each once', () => {
    const d: Doc = {
      type: 'doc',
      content: [
        { type: 'embed', attrs: { url: `https://www.youtube.com/watch?v=${YT}` } },
        { type: 'paragraph', content: [{ type: 'text', text: 'x' }] },
        { type: 'embed', attrs: { url: `https://youtu.be/${YT}` } },
        { type: 'embed', attrs: { url: 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC' } },
      ],
    };
    assert.deepEqual(embedFrameOrigins(d, BUILT_IN_EMBEDS), ['https://open.spotify.com', 'https://www.youtube-nocookie.com']);
    assert.deepEqual(embedFrameOrigins({ type: 'doc', content: [] }, BUILT_IN_EMBEDS), []);
  });

  test('feeds carry a plain link, no frame and no script', () => {
    const html = docToFeedHtml(doc({ url: 'https://vimeo.com/76979871', title: 'Clip "one"' }), { siteUrl: 'https://news.example', baseUrl: 'https://news.example/news/1/a', images: new Map(), lang: 'en' });
    assert.equal(html, '<p><a href="https://vimeo.com/76979871">Clip &quot;one&quot;</a></p>');
  });
});
