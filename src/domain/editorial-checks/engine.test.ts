import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BlockNode, Doc } from '../articles/index.ts';
import { houseSpellingsFromList } from '../transliteration/index.ts';
import { hasErrors, runChecks, storyBlocks, type Finding, type RuleId } from './index.ts';

const para = (text: string): BlockNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = (...content: BlockNode[]): Doc => ({ type: 'doc', content });
const story = (body: Doc, over: Partial<{ headline: string; dek: string; dateline: string }> = {}) => ({
  headline: 'Council approves budget',
  dek: 'The vote ends a month of debate.',
  dateline: 'Springfield',
  body,
  ...over,
});
const ids = (fs: Finding[]): RuleId[] => fs.map((f) => f.ruleId);
const check = (...paras: string[]) => runChecks(story(doc(...paras.map(para))));

describe('dangling-attribution', () => {
  it('flags according to with no source, and , said.', () => {
    for (const t of ['It will open in May, according to.', 'It will open, according to', '“It will open soon,” she said, according to.', 'It opens in May, said.']) {
      assert.deepEqual(ids(check(t)), ['dangling-attribution'], t);
    }
  });
  it('accepts a named source, including a linked one', () => {
    assert.deepEqual(check('It will open in May, according to the ministry.'), []);
    assert.deepEqual(check('According to Reuters, it will open in May.'), []);
    const linked: BlockNode = {
      type: 'paragraph',
      content: [{ type: 'text', text: 'It will open, according to ' }, { type: 'text', text: 'the filing', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] }, { type: 'text', text: '.' }],
    };
    assert.deepEqual(runChecks(story(doc(linked))), []);
  });
});

describe('quote-without-speaker', () => {
  it('flags a bare quote', () => assert.deepEqual(ids(check('“We will rebuild the bridge by spring.”')), ['quote-without-speaker']));
  it('accepts a speaker in the same, the next sentence, or the next paragraph', () => {
    assert.deepEqual(check('“We will rebuild,” the mayor said.'), []);
    assert.deepEqual(check('"We will rebuild," the mayor said.'), []);
    assert.deepEqual(check('“We will rebuild the bridge.” The mayor said it would cost millions.'), []);
    assert.deepEqual(check('“We will rebuild the bridge by spring.”', 'The mayor said the money was found.'), []);
    assert.deepEqual(check('The mayor told reporters:', '“We will rebuild the bridge by spring.”'), []);
  });
  it('ignores scare quotes and titles', () => {
    assert.deepEqual(check('The plan adds “pocket parks” downtown.'), []);
    assert.deepEqual(check('The festival opens with “The Long Night Home” tonight.'), []);
  });
});

describe('unbalanced-quotes', () => {
  it('flags an unclosed quote and a stray closing mark', () => {
    assert.deepEqual(ids(check('“We will rebuild, the mayor said.')), ['unbalanced-quotes']);
    assert.deepEqual(ids(check('We will rebuild,” the mayor said.')), ['unbalanced-quotes']);
  });
  it('accepts the multi-paragraph quote convention and inch marks', () => {
    assert.deepEqual(check('“We will rebuild,” the mayor said. “It will take time.', '“But we will do it.”'), []);
    assert.deepEqual(check('The 6\'2" centre scored twice, the coach said.'), []);
  });
  it('checks the headline too', () => {
    const fs = runChecks(story(doc(para('Text.')), { headline: '“Rebuild now, mayor says' }));
    assert.deepEqual(fs.map((f) => [f.ruleId, f.range]), [['unbalanced-quotes', { field: 'headline', start: 0, end: 24 }]]);
  });
});

describe('name-spelled-two-ways', () => {
  it('reports one name once, with every place and the majority spelling as suggestion', () => {
    const fs = check('Qaani met Qasem.', 'Qaani left; Ghaani returned with Qassem and Qasem.');
    assert.deepEqual(fs.map((f) => [f.ranges, f.suggestion]), [
      [[{ block: 0, start: 0, end: 5, path: [0] }, { block: 1, start: 0, end: 5, path: [1] }, { block: 1, start: 12, end: 18, path: [1] }], 'Qaani'],
      [[{ block: 0, start: 10, end: 15, path: [0] }, { block: 1, start: 33, end: 39, path: [1] }, { block: 1, start: 44, end: 49, path: [1] }], 'Qasem'],
    ]);
    assert.deepEqual(fs[0].range, fs[0].ranges[0]);
    assert.match(fs[0].message, /“Qaani” ×2, “Ghaani” ×1/);
  });
  it('prefers the house spelling', () => {
    const fs = runChecks({ ...story(doc(para('Qaani met Ghaani and Ghaani.'))), houseSpellings: houseSpellingsFromList(['Qaani']) });
    assert.deepEqual(fs.map((f) => [f.suggestion, f.ranges.length]), [['Qaani', 3]]);
    const fs2 = runChecks({ ...story(doc(para('Qaani met Ghaani.'))), houseSpellings: houseSpellingsFromList(['Ghaani']) });
    assert.deepEqual(fs2.map((f) => f.suggestion), ['Ghaani']);
  });
  it('leaves different names and case variants alone', () => {
    assert.deepEqual(check('Hamas and Hamad met in Gaza, not Giza.', 'TEHRAN and Tehran.'), []);
  });
});

describe('dateline-form', () => {
  const d = (dateline: string, ...paras: string[]) => ids(runChecks(story(doc(...paras.map(para)), { dateline })));
  it('accepts plain places', () => {
    for (const ok of ['Tehran', 'WASHINGTON', 'Tehran, Iran', 'St. John’s']) assert.deepEqual(d(ok, 'Text.'), [], ok);
  });
  it('flags empty, punctuation, dates, length and a dateline typed into the body', () => {
    for (const bad of ['', 'Tehran –', 'Tehran:', 'Tehran, 4 June', 'Tehran, Monday', 'x'.repeat(41)]) assert.deepEqual(d(bad, 'Text.'), ['dateline-form'], bad);
    assert.deepEqual(d('Tehran', 'TEHRAN – The talks began.'), ['dateline-form']);
    assert.deepEqual(d('Tehran', 'Rain – and lots of it – fell.'), []);
  });
});

describe('images and fields', () => {
  const img = (attrs: { imageId: number; alt?: string; credit?: string }): BlockNode => ({ type: 'image', attrs });
  it('flags missing alt and credit, falling back to the media library', () => {
    const body = doc(para('Text.'), img({ imageId: 1 }), img({ imageId: 2, alt: 'IMG_0423.jpg', credit: 'A / B' }), img({ imageId: 3 }));
    const fs = runChecks({ ...story(body), images: new Map([[3, { alt: 'A ferry', credit: 'Jo Ray / Wire' }]]) });
    assert.deepEqual(fs.map((f) => [f.ruleId, 'block' in f.range ? f.range.block : -1]), [
      ['image-alt-missing', 1],
      ['image-alt-missing', 2],
      ['image-credit-missing', 1],
    ]);
    assert.ok(hasErrors(fs));
  });
  it('flags a long headline as an error and an empty dek as a warning', () => {
    const fs = runChecks(story(doc(para('Text.')), { headline: 'h'.repeat(111), dek: ' ' }));
    assert.deepEqual(fs.map((f) => [f.ruleId, f.severity]), [['headline-too-long', 'error'], ['dek-empty', 'warning']]);
    assert.deepEqual(runChecks(story(doc(para('Text.')), { headline: 'h'.repeat(110) })), []);
  });
});

describe('engine', () => {
  it('numbers nested paragraphs and images with their paths', () => {
    const body = doc(
      para('One.'),
      { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Two.' }] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Three' }, { type: 'hardBreak' }, { type: 'text', text: 'x' }] }] }] },
      { type: 'horizontalRule' },
      { type: 'image', attrs: { imageId: 9 } },
    );
    assert.deepEqual(storyBlocks(body).map((b) => [b.index, b.path, b.kind, b.text]), [
      [0, [0], 'paragraph', 'One.'],
      [1, [1, 0], 'blockquote', 'Two.'],
      [2, [2, 0, 0], 'listItem', 'Three\nx'],
      [3, [4], 'image', ''],
    ]);
  });
  it('keeps a fingerprint across edits elsewhere and honours dismissals', () => {
    const a = check('It opens in May, according to.');
    const b = check('A new first paragraph.', 'It opens in May, according to.');
    assert.equal(a[0].fingerprint, b[0].fingerprint);
    assert.notDeepEqual(a[0].range, b[0].range);
    assert.deepEqual(runChecks(story(doc(para('It opens in May, according to.'))), { dismissed: [{ ruleId: a[0].ruleId, fingerprint: a[0].fingerprint }] }), []);
    assert.equal(hasErrors([]), false);
  });
  it('never throws on odd text', () => {
    for (const t of ['"', '“', '”', '""""', 'according to', '\u202e“x', ' ']) assert.doesNotThrow(() => check(t));
  });
});
