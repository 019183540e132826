import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Doc, ImageInfo } from '../../src/domain/articles/index.ts';
import { BUILT_IN_EMBEDS } from '../../src/domain/embeds/index.ts';
import { renderDocument } from '../../src/http/site/render/document.ts';
import { jsonForScript } from '../../src/http/site/render/escape.ts';
import { formatDateline } from '../../src/http/site/story.page.tsx';

/** The story-body renderer and the JSON-LD serialiser: pure functions, no database. */

const image: ImageInfo = {
  id: 7, key: 'k1', mime: 'image/png', width: 1000, height: 500, alt: 'Stored alt', caption: 'Stored caption', credit: 'Stored credit',
  variants: [
    { width: 320, height: 160, format: 'webp', file: '320.webp' }, { width: 320, height: 160, format: 'jpeg', file: '320.jpg' },
    { width: 960, height: 480, format: 'webp', file: '960.webp' }, { width: 960, height: 480, format: 'jpeg', file: '960.jpg' },
  ],
};
const ctx = { images: new Map([[7, image]]), dateline: 'KABUL –', siteUrl: 'https://news.example', lang: 'en', embeds: BUILT_IN_EMBEDS };
const text = (t: string, marks?: any[]) => ({ type: 'text' as const, text: t, ...(marks ? { marks } : {}) });
const para = (...content: any[]) => ({ type: 'paragraph' as const, content });

describe('story body renderer', () => {
  test('every node type, with the dateline leading the first non-empty paragraph', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'image', attrs: { imageId: 7, caption: 'Own caption' } },
        { type: 'paragraph' },
        para(text('Lead '), text('bold', [{ type: 'bold' }]), text(' and '), text('both', [{ type: 'italic' }, { type: 'code' }]), { type: 'hardBreak' }, text('next line')),
        { type: 'heading', attrs: { level: 3 }, content: [text('Sub')] },
        { type: 'heading', attrs: { level: 4 }, content: [text('Subsub')] },
        { type: 'blockquote', content: [para(text('Quoted'))] },
        { type: 'pullQuote', attrs: { attribution: 'A. Speaker' }, content: [para(text('Pulled'))] },
        { type: 'orderedList', content: [{ type: 'listItem', content: [para(text('one'))] }, { type: 'listItem', content: [para(text('two a')), para(text('two b'))] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('dot'))] }] },
        { type: 'horizontalRule' },
        { type: 'image', attrs: { imageId: 99 } },
      ],
    } as Doc;
    const html = renderDocument(doc, ctx);
    assert.ok(html.startsWith('<figure class="story-image"><picture><source type="image/webp" srcset="/media/k1/320.webp 320w, /media/k1/960.webp 960w"'));
    assert.match(html, /<img src="\/media\/k1\/960\.jpg" srcset="\/media\/k1\/320\.jpg 320w, \/media\/k1\/960\.jpg 960w" sizes="[^"]+" width="960" height="480" alt="Stored alt" loading="lazy" decoding="async"><\/picture><figcaption>Own caption <span class="credit">Stored credit<\/span><\/figcaption><\/figure>/);
    assert.ok(html.includes('<p><span class="dateline">KABUL –</span> Lead <strong>bold</strong> and <em><code>both</code></em><br>next line</p>'));
    assert.ok(html.includes('<h3>Sub</h3><h4>Subsub</h4><blockquote><p>Quoted</p></blockquote>'));
    assert.ok(html.includes('<figure class="pull-quote"><blockquote><p>Pulled</p></blockquote><figcaption>A. Speaker</figcaption></figure>'));
    assert.ok(html.includes('<ol><li>one</li><li><p>two a</p><p>two b</p></li></ol><ul><li>dot</li></ul><hr>'));
    assert.ok(html.endsWith('<hr>'), 'an image that no longer exists is left out');
    assert.equal(html.match(/class="dateline"/g)?.length, 1);
  });

  test('links: one anchor across marks, external ones marked, unsafe ones dropped to text', () => {
    const link = (href: string) => ({ type: 'link', attrs: { href } });
    const doc = {
      type: 'doc',
      content: [
        para(text('according to '), text('the ', [link('https://agency.example/x')]), text('agency', [link('https://agency.example/x'), { type: 'bold' }]), text('.')),
        para(text('our story', [link('https://news.example/news/1/x')]), text(' '), text('local', [link('/section/world')])),
        para(text('bad', [link('javascript:alert(1)')]), text(' '), text('worse', [link('JaVaScRiPt:alert(1)')]), text(' '), text('data', [link('data:text/html,<script>alert(1)</script>')])),
        para(text('"><img src=x onerror=alert(1)> & <script>')),
      ],
    } as Doc;
    const html = renderDocument(doc, { ...ctx, dateline: '' });
    assert.ok(html.includes('according to <a href="https://agency.example/x" rel="noopener">the <strong>agency</strong></a>.'));
    assert.ok(html.includes('<a href="https://news.example/news/1/x">our story</a> <a href="/section/world">local</a>'));
    assert.ok(html.includes('<p>bad worse data</p>'));
    assert.ok(html.includes('<p>“&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;</p>'), 'escaped, its straight quote curled like any other');
    assert.doesNotMatch(html, /javascript:|data:text|<script|<img src=x/i);
  });

  test('a dateline with no paragraph to lead still shows; an empty document renders nothing', () => {
    assert.equal(renderDocument({ type: 'doc', content: [{ type: 'horizontalRule' }] }, ctx), '<p><span class="dateline">KABUL –</span> </p><hr>');
    assert.equal(renderDocument({ type: 'doc', content: [] }, { ...ctx, dateline: '' }), '');
  });

  test('datelines are upper-cased in the story language, with an en dash', () => {
    assert.equal(formatDateline('Tehran', 'en'), 'TEHRAN –');
    assert.equal(formatDateline('  istanbul ', 'tr'), 'İSTANBUL –');
    assert.equal(formatDateline('تهران', 'fa'), 'تهران –');
    assert.equal(formatDateline('', 'en'), '');
  });

  test('JSON for a script block cannot close the block or start a comment', () => {
    const s = jsonForScript({ h: '</script><!-- & \u2028\u2029 >' });
    assert.doesNotMatch(s, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(s), { h: '</script><!-- & \u2028\u2029 >' });
  });
});
