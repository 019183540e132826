import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  blockLines, blockTexts, docText, markdownToDoc, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, parseDoc, wordCount, type Doc, type TableNode,
} from '../../src/domain/articles/index.ts';
import { BUILT_IN_EMBEDS } from '../../src/domain/embeds/index.ts';
import { runChecks, storyBlocks } from '../../src/domain/editorial-checks/index.ts';
import { docToFeedHtml } from '../../src/domain/feeds/index.ts';
import { lexicalToHtml, mobiledocToHtml } from '../../src/domain/import/ghost.content.ts';
import { htmlToDoc, htmlToText } from '../../src/domain/import/index.ts';
import { docToMarkdown } from '../../src/http/admin/stories/doc-markdown.ts';
import { renderDocument } from '../../src/http/site/render/document.ts';

/**
 * The table node without a server: validation and its 422 messages, the
 * text search and word counts read, the page's and the feed's HTML, Markdown
 * both ways, revisions and check blocks, and HTML import (WordPress and Ghost
 * bodies), hostile cells included. Every imported table must pass parseDoc:
 * imports are not validated on write, so they must be valid by construction.
 */

const text = (t: string, marks?: unknown[]) => (marks ? { type: 'text', text: t, marks } : { type: 'text', text: t });
const cell = (type: 'tableCell' | 'tableHeader', t: string | null, attrs?: Record<string, unknown>) => ({
  type, ...(attrs ? { attrs } : {}), content: [t === null ? { type: 'paragraph' } : { type: 'paragraph', content: [text(t)] }],
});
const row = (...cells: unknown[]) => ({ type: 'tableRow', content: cells });
const td = (t: string | null, attrs?: Record<string, unknown>) => cell('tableCell', t, attrs);
const th = (t: string | null, attrs?: Record<string, unknown>) => cell('tableHeader', t, attrs);
const docOf = (...content: unknown[]) => ({ type: 'doc', content });

/** The results table of the tests below: a header row, a row header, a span each way. */
const results = () => ({
  type: 'table',
  attrs: { caption: 'Council vote, 21 May' },
  content: [
    row(th('Ward'), th('Yes'), th('No')),
    row(th('North'), td('1,204'), td('880')),
    row(th('South', { rowspan: 2 }), td('Split', { colspan: 2 })),
    row(td('97'), td('12')),
  ],
});

function problems(doc: unknown): Array<{ field: string; message: string }> {
  try {
    parseDoc(doc);
  } catch (e) {
    return (e as { problems: Array<{ field: string; message: string }> }).problems;
  }
  assert.fail('accepted');
}

const renderCtx = { images: new Map(), dateline: '', siteUrl: 'https://news.example', lang: 'en', embeds: BUILT_IN_EMBEDS };

describe('table node: validation', () => {
  test('a table with a caption, header row, row headers and spans is accepted; editor-only attributes are dropped', () => {
    const t = results();
    (t.content[0].content[0] as { attrs?: unknown }).attrs = { colspan: 1, rowspan: 1, colwidth: null, align: 'left' };
    (t as { attrs: Record<string, unknown> }).attrs.style = 'color:red';
    const doc = parseDoc(docOf(t));
    const stored = doc.content[0] as TableNode;
    assert.deepEqual(stored.attrs, { caption: 'Council vote, 21 May' });
    assert.equal(stored.content[0].content[0].attrs, undefined, 'spans of 1 and widths are not kept');
    assert.deepEqual(stored.content[2].content[0].attrs, { rowspan: 2 });
    assert.deepEqual(stored.content[2].content[1].attrs, { colspan: 2 });
  });

  test('bad shapes are 422s naming the node and what is wrong', () => {
    const cases: Array<[string, unknown, string, RegExp]> = [
      ['no rows', { type: 'table', content: [] }, 'body.content[0].content', /at least one tableRow/],
      ['an empty row', { type: 'table', content: [row()] }, 'body.content[0].content[0].content', /at least one tableCell/],
      ['a row of the wrong type', { type: 'table', content: [{ type: 'paragraph' }] }, 'body.content[0].content[0]', /must be a tableRow/],
      ['a cell of the wrong type', { type: 'table', content: [row({ type: 'listItem', content: [] })] }, 'body.content[0].content[0].content[0]', /tableCell or tableHeader/],
      ['a ragged row', { type: 'table', content: [row(td('a'), td('b')), row(td('c'))] }, 'body.content[0].content[1]', /fills 1 of the table's 2 columns/],
      ['a rowspan past the end', { type: 'table', content: [row(td('a', { rowspan: 3 }), td('b')), row(td('c'))] }, 'body.content[0].content[0].content[0]', /runs past the table's last row/],
      ['a cell over a rowspan', { type: 'table', content: [row(td('a'), td('b', { rowspan: 2 })), row(td('c', { colspan: 2 }))] }, 'body.content[0].content[1].content[0]', /overlaps a cell that spans down/],
      ['a nested table', { type: 'table', content: [row({ type: 'tableCell', content: [{ type: 'table', content: [row(td('x'))] }] })] }, 'body.content[0].content[0].content[0].content[0]', /tables do not nest/],
      ['a zero colspan', { type: 'table', content: [row(td('a', { colspan: 0 }))] }, 'body.content[0].content[0].content[0].attrs.colspan', /from 1 to 20/],
      ['a long caption', { type: 'table', attrs: { caption: 'x'.repeat(301) }, content: [row(td('a'))] }, 'body.content[0].attrs.caption', /at most 300/],
      ['a javascript: link in a cell', { type: 'table', content: [row({ type: 'tableCell', content: [{ type: 'paragraph', content: [text('x', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])] }] })] }, 'body.content[0].content[0].content[0].content[0].content[0].marks[0].attrs.href', /http\(s\), mailto or site-relative/],
      ['a cell without paragraphs', { type: 'table', content: [row({ type: 'tableCell', content: [] })] }, 'body.content[0].content[0].content[0].content', /at least 1 paragraph/],
      ['a table in a list item', { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'table', content: [row(td('a'))] }] }] }, 'body.content[0].content[0].content[0]', /must be a paragraph/],
    ];
    for (const [what, node, field, message] of cases) {
      const got = problems(docOf(node));
      assert.ok(got.some((p) => p.field === field && message.test(p.message)), `${what}: ${JSON.stringify(got)}`);
    }
  });

  test('the limits: columns, rows and cells', () => {
    const wide = { type: 'table', content: [row(...Array.from({ length: MAX_TABLE_COLUMNS + 1 }, (_, i) => td(String(i))))] };
    assert.match(problems(docOf(wide))[0].message, /wider than 20 columns/);
    const atWidth = { type: 'table', content: [row(...Array.from({ length: MAX_TABLE_COLUMNS }, (_, i) => td(String(i))))] };
    parseDoc(docOf(atWidth));
    const long = { type: 'table', content: Array.from({ length: MAX_TABLE_ROWS + 1 }, () => row(td('a'))) };
    assert.match(problems(docOf(long))[0].message, /at most 500/);
    const many = { type: 'table', content: Array.from({ length: 130 }, () => row(...Array.from({ length: 20 }, () => td(null)))) };
    assert.equal(130 * 20 > MAX_TABLE_CELLS, true);
    assert.match(problems(docOf(many))[0].message, /2600 cells; a table holds at most 2500/);
  });
});

describe('table node: text, revisions and checks', () => {
  const doc = parseDoc(docOf({ type: 'paragraph', content: [text('Before.')] }, results()));

  test('cells and the caption are copy: search text and word count read them', () => {
    assert.deepEqual(blockTexts(doc), ['Before.', 'Council vote, 21 May', 'Ward', 'Yes', 'No', 'North', '1,204', '880', 'South', 'Split', '97', '12']);
    assert.match(docText(doc), /North\n\n1,204/);
    assert.equal(wordCount(docText(doc)), 16);
  });

  test('a revision diff has one line a row; check blocks point into cells', () => {
    assert.deepEqual(blockLines(doc).slice(1, 4), ['[table: Council vote, 21 May]', '| Ward | Yes | No |', '| North | 1,204 | 880 |']);
    const cells = storyBlocks(doc).filter((b) => b.kind === 'tableCell');
    assert.equal(cells.length, 10);
    assert.deepEqual(cells[3], { index: 4, path: [1, 1, 0, 0], kind: 'tableCell', text: 'North' });
  });

  test('the checks read cells: a fault in a cell points at it; a quote in a cell wants no speaker', () => {
    const t = results();
    t.content[1].content[1] = td('“Unopposed');
    t.content[3].content[1] = td('“We will count again by Friday.”');
    const findings = runChecks({ headline: 'Council vote', dek: 'Results by ward.', dateline: 'Springfield', body: parseDoc(docOf({ type: 'paragraph', content: [text('The count ended at midnight.')] }, t)) });
    assert.deepEqual(findings.map((f) => [f.ruleId, 'path' in f.range ? f.range.path : null]), [['unbalanced-quotes', [1, 1, 1, 0]]]);
  });
});

describe('table node: rendering', () => {
  test('the page: a scrolling wrapper, caption, thead of column headers, row headers, spans; text escaped', () => {
    const t = results();
    t.content[1].content[1] = { type: 'tableCell', content: [{ type: 'paragraph', content: [text('<script>alert(1)</script> "yes"', [{ type: 'bold' }])] }] };
    const html = renderDocument(parseDoc(docOf(t)), renderCtx);
    assert.equal(
      html,
      '<div class="table-scroll" role="region" tabindex="0" aria-label="Council vote, 21 May"><table><caption>Council vote, 21 May</caption>' +
        '<thead><tr><th scope="col">Ward</th><th scope="col">Yes</th><th scope="col">No</th></tr></thead>' +
        '<tbody><tr><th scope="row">North</th><td><strong>&lt;script&gt;alert(1)&lt;/script&gt; “yes”</strong></td><td>880</td></tr>' +
        '<tr><th scope="row" rowspan="2">South</th><td colspan="2">Split</td></tr><tr><td>97</td><td>12</td></tr></tbody></table></div>',
    );
  });

  test('a table without a header row has no thead; a cell of two paragraphs keeps them', () => {
    const t = { type: 'table', content: [row(td('a'), { type: 'tableCell', content: [{ type: 'paragraph', content: [text('b1')] }, { type: 'paragraph', content: [text('b2')] }] })] };
    const html = renderDocument(parseDoc(docOf(t)), { ...renderCtx, dateline: 'LONDON' });
    assert.match(html, /^<p><span class="dateline">LONDON<\/span> <\/p><div class="table-scroll" role="region" tabindex="0" aria-label="Table"><table><tbody><tr><td>a<\/td><td><p>b1<\/p><p>b2<\/p><\/td><\/tr><\/tbody><\/table><\/div>$/);
  });

  test('feeds (and so the WXR export) carry the same table, without the wrapper; links absolute', () => {
    const t = results();
    t.content[3].content[0] = { type: 'tableCell', content: [{ type: 'paragraph', content: [text('97', [{ type: 'link', attrs: { href: '/results' } }])] }] };
    const html = docToFeedHtml(parseDoc(docOf(t)), { siteUrl: 'https://news.example', baseUrl: 'https://news.example/news/1/x', images: new Map(), lang: 'en' });
    assert.equal(
      html,
      '<table><caption>Council vote, 21 May</caption><thead><tr><th scope="col">Ward</th><th scope="col">Yes</th><th scope="col">No</th></tr></thead>' +
        '<tbody><tr><th scope="row">North</th><td>1,204</td><td>880</td></tr><tr><th scope="row" rowspan="2">South</th><td colspan="2">Split</td></tr>' +
        '<tr><td><a href="https://news.example/results">97</a></td><td>12</td></tr></tbody></table>',
    );
  });
});

describe('table node: Markdown', () => {
  test('a GFM table becomes a table with a header row; unsafe links in cells lose the link, keep the text', () => {
    const doc = markdownToDoc('Votes:\n\n| Ward | Yes |\n| --- | ---: |\n| **North** | [1,204](https://ex.example/n) |\n| South \\| East | [x](ftp://ex.example/) |\n| Lone |');
    const t = doc.content[1] as TableNode;
    assert.equal(t.type, 'table');
    assert.deepEqual(t.content.map((r) => r.content.map((c) => c.type)), [['tableHeader', 'tableHeader'], ['tableCell', 'tableCell'], ['tableCell', 'tableCell'], ['tableCell', 'tableCell']]);
    assert.deepEqual(t.content[1].content[0].content[0].content, [{ type: 'text', text: 'North', marks: [{ type: 'bold' }] }]);
    assert.deepEqual(t.content[2].content, [td('South | East'), td('x')]);
    assert.deepEqual(t.content[3].content[1], td(null), 'a short row is filled out');
  });

  test('the stored table as Markdown reads back as the same table (spans become empty cells)', () => {
    const doc = parseDoc(docOf({ type: 'table', content: [row(th('Ward'), th('Yes | no')), row(td('North'), td('1,204')), row(td('South', { colspan: 2 }))] }));
    const md = docToMarkdown(doc);
    assert.equal(md, '| Ward | Yes \\| no |\n| --- | --- |\n| North | 1,204 |\n| South |  |');
    const back = markdownToDoc(md);
    assert.deepEqual(back.content[0], { type: 'table', content: [row(th('Ward'), th('Yes | no')), row(td('North'), td('1,204')), row(td('South'), td(null))] });
  });
});

describe('table node: HTML import', () => {
  const convert = (html: string) => {
    const { doc, notes } = htmlToDoc(html);
    parseDoc(structuredClone(doc));
    return { doc, notes };
  };

  test('thead, tbody and tfoot in the order a browser shows them; th and td; spans kept, a rowspan within its row group; short rows padded', () => {
    const { doc } = convert(`<table>
      <tfoot><tr><td>Total</td><td>1,301</td><td></td></tr></tfoot>
      <tbody><tr><th>North</th><td colspan="2">1,204</td></tr><tr><td rowspan="9">South</td><td>97</td></tr><tr><td>12</td></tr></tbody>
      <thead><tr><th>Ward</th><th>Yes</th><th>No</th></tr></thead>
    </table>`);
    assert.deepEqual(doc.content, [{
      type: 'table',
      content: [
        row(th('Ward'), th('Yes'), th('No')),
        row(th('North'), td('1,204', { colspan: 2 })),
        row(td('South', { rowspan: 2 }), td('97'), td(null)),
        row(td('12'), td(null)),
        row(td('Total'), td('1,301'), td(null)),
      ],
    }]);
  });

  test('a Gutenberg table block: its figcaption is the caption; cells keep marks and safe links', () => {
    const { doc } = convert(`<!-- wp:table --><figure class="wp-block-table"><table class="has-fixed-layout"><tbody><tr><td><strong>Reds</strong> <a href="https://ex.example/reds">site</a></td><td>3</td></tr></tbody></table><figcaption class="wp-element-caption">League  <em>table</em></figcaption></figure><!-- /wp:table -->`);
    const t = doc.content[0] as TableNode;
    assert.deepEqual(t.attrs, { caption: 'League table' });
    assert.deepEqual(t.content[0].content[0].content[0].content, [text('Reds', [{ type: 'bold' }]), text(' '), text('site', [{ type: 'link', attrs: { href: 'https://ex.example/reds' } }])]);
    assert.equal(doc.content.length, 1, 'the figcaption is not repeated as a paragraph');
  });

  test('a table nested in a cell reaches the reader as that cell\'s text, never as a nested table', () => {
    const { doc } = convert('<table><tr><td>Outer<table><tr><td>in 1</td><td>in 2</td></tr><tr><td>in 3</td></tr></table></td><td>b</td></tr></table>');
    const t = doc.content[0] as TableNode;
    assert.equal(t.content.length, 1);
    assert.deepEqual(t.content[0].content[0].content.map((p) => p.content?.map((n) => ('text' in n ? n.text : '')).join('')), ['Outer', 'in 1 | in 2', 'in 3']);
  });

  test('hostile cells: no script, handler, javascript: or data: link, style or frame survives; the text stays text', () => {
    const { doc } = convert(`<table onmouseover="alert(1)" style="background:url(javascript:alert(2))"><tr>
      <th onclick="alert(3)"><a href="javascript:alert(4)">click</a></th><td><script>alert(5)</script><img src=x onerror="alert(6)">ok</td>
      <td><iframe src="javascript:alert(7)"></iframe><a href=" JaVaScRiPt:alert(8)">again</a> <a href="data:text/html,<script>alert(9)</script>">data</a></td>
      <td>&lt;script&gt;alert(10)&lt;/script&gt;<svg onload="alert(11)"></svg><style>td{display:none}</style></td></tr></table>`);
    const json = JSON.stringify(doc);
    assert.doesNotMatch(json, /javascript:|data:text|onclick|onerror|onload|onmouseover|style|alert\((?!10\))\d+\)|display:none/i);
    assert.match(json, /"text":"<script>alert\(10\)<\/script>"/);
    const html = renderDocument(doc, renderCtx);
    assert.doesNotMatch(html, /<script|javascript:|on\w+=|<iframe|<svg|style=/i);
    assert.match(html, /&lt;script&gt;alert\(10\)&lt;\/script&gt;/);
  });

  test('a table past the limits, and one with nothing in it: kept as text with a note, or left out', () => {
    const wide = `<table><tr>${Array.from({ length: 25 }, (_, i) => `<td>c${i}</td>`).join('')}</tr></table>`;
    const { doc, notes } = convert(wide);
    assert.equal(doc.content[0].type, 'paragraph');
    assert.match(docText(doc), /^c0 \| c1 \| c2 .* c24$/);
    assert.deepEqual(notes, ['table past the size limits kept as text']);
    assert.deepEqual(convert('<table><tr><td> </td></tr></table><p>After.</p>').doc.content.map((b) => b.type), ['paragraph']);
  });

  test('comment and excerpt text keeps a table\'s words', () => {
    assert.equal(htmlToText('<p>See:</p><table><tr><td>a</td><td>b</td></tr></table>'), 'See:\n\na | b');
  });

  test('Ghost: an HTML card (mobiledoc and lexical) carries its table in; its script does not', () => {
    const card = '<table><tr><th>Q</th></tr><tr><td>A<script>alert(1)</script></td></tr></table>';
    const mobiledoc = JSON.stringify({ version: '0.3.1', markups: [], atoms: [], cards: [['html', { html: card }]], sections: [[10, 0]] });
    const lexical = JSON.stringify({ root: { children: [{ type: 'html', html: card }] } });
    for (const html of [mobiledocToHtml(mobiledoc), lexicalToHtml(lexical)]) {
      const { doc } = convert(html);
      assert.deepEqual(doc.content, [{ type: 'table', content: [row(th('Q')), row(td('A'))] }]);
    }
  });
});

// Keeps the fixtures honest: the shared helpers build what parseDoc accepts.
test('the helpers build valid documents', () => {
  const d: Doc = parseDoc(docOf(results()));
  assert.equal(d.content.length, 1);
});
