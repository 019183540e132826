import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Doc } from '../../../domain/articles/index.ts';
import { BUILT_IN_EMBEDS } from '../../../domain/embeds/index.ts';
import { renderDocument } from './document.ts';
import { curlQuotes } from './quotes.ts';

test('English: double and single quotes open and close, apostrophes and elisions take ’', () => {
  assert.equal(curlQuotes(`"We waited a month," she said. 'It's over.'`, 'en'), '“We waited a month,” she said. ‘It’s over.’');
  assert.equal(curlQuotes(`the '90s and rock 'n' roll`, 'en'), 'the ’90s and rock ’n’ roll');
  assert.equal(curlQuotes(`("quoted")`, 'en'), '(“quoted”)');
  assert.equal(curlQuotes(`said: "yes"`, 'en-GB'), 'said: “yes”');
});

test('the edition language picks the marks; an unknown one falls back to English', () => {
  assert.equal(curlQuotes(`Er sagte "ja".`, 'de'), 'Er sagte „ja“.');
  assert.equal(curlQuotes(`Il a dit "oui".`, 'fr'), 'Il a dit «oui».');
  assert.equal(curlQuotes(`"x"`, 'zz'), '“x”');
});

test('only the quote characters change', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (s) => {
      const out = curlQuotes(s, 'en');
      assert.equal(out.length, s.length);
      for (let i = 0; i < s.length; i++) if (s[i] !== '"' && s[i] !== "'") assert.equal(out[i], s[i]);
      assert.ok(!out.includes('"') && !out.includes("'"));
    }),
  );
});

test('in a story: curled across marks and links, never inside code or a link address', () => {
  const doc = {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'He said "' },
          { type: 'text', text: "don't", marks: [{ type: 'bold' }] },
          { type: 'text', text: '" and typed ' },
          { type: 'text', text: `print("hi")`, marks: [{ type: 'code' }] },
          { type: 'text', text: ' at ', marks: [] },
          { type: 'text', text: `the "site"`, marks: [{ type: 'link', attrs: { href: `https://ex.example/a'b"c` } }] },
        ],
      },
    ],
  } as Doc;
  const html = renderDocument(doc, { images: new Map(), dateline: '', siteUrl: 'https://news.example', lang: 'en', embeds: BUILT_IN_EMBEDS });
  assert.equal(html, '<p>He said “<strong>don’t</strong>” and typed <code>print(&quot;hi&quot;)</code> at <a href="https://ex.example/a&#39;b&quot;c" rel="noopener">the “site”</a></p>');
});
