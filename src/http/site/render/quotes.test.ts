import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Doc } from '../../../domain/articles/index.ts';
import { BUILT_IN_EMBEDS } from '../../../domain/embeds/index.ts';
import { renderDocument } from './document.ts';
import { curlQuotes, quoteMarks } from '../../../domain/shared/typography.ts';

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

// Strings dense in quotes and in the characters that decide opening against closing.
const quoteHeavy = fc.string({ unit: fc.constantFrom('"', "'", 'a', 'Z', '9', ' ', '\n', '(', '—', '-', '/', '“', '’', '«', '.', 'é'), maxLength: 60 });
const anyText = fc.oneof(fc.string({ maxLength: 60 }), quoteHeavy);
const LANGS = ['en', 'en-GB', 'de', 'fr', 'fa', 'ru', 'zz', 'DE-at'];

test('only the quote characters change, each into a mark of its kind, whatever the language and the text before', () => {
  fc.assert(
    fc.property(anyText, fc.constantFrom(...LANGS), fc.constantFrom('', ' ', 'a', '"', '('), (s, lang, before) => {
      const out = curlQuotes(s, lang, before);
      const m = quoteMarks(lang);
      assert.equal(out.length, s.length);
      for (let i = 0; i < s.length; i++) {
        if (s[i] === '"') assert.ok(out[i] === m.open2 || out[i] === m.close2, `${JSON.stringify(s)} at ${i}`);
        else if (s[i] === "'") assert.ok(out[i] === m.open1 || out[i] === m.close1 || out[i] === '’', `${JSON.stringify(s)} at ${i}`);
        else assert.equal(out[i], s[i]);
      }
      assert.ok(!out.includes('"') && !out.includes("'"));
    }),
    { numRuns: 2000 },
  );
});

test('curling is idempotent: copy already curled (or curled twice by two layers) comes out the same', () => {
  fc.assert(
    fc.property(anyText, fc.constantFrom(...LANGS), (s, lang) => {
      const once = curlQuotes(s, lang);
      assert.equal(curlQuotes(once, lang), once);
    }),
    { numRuns: 2000 },
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
