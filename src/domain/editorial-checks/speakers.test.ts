import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BlockNode, Doc } from '../articles/index.ts';
import { runChecks } from './index.ts';

const para = (text: string): BlockNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = (...paras: string[]): Doc => ({ type: 'doc', content: paras.map(para) });
const quoteFindings = (...paras: string[]) =>
  runChecks({ headline: 'Story', dek: 'A dek.', dateline: 'Tehran', body: doc(...paras) }, { minConfidence: 0 })
    .filter((f) => f.ruleId === 'quote-without-speaker')
    .map((f) => [f.confidence, 'block' in f.range ? paras[f.range.block].slice(f.range.start, f.range.end) : '']);

describe('quote-without-speaker: where a speaker may stand', () => {
  it('a speaker named in the sentence before, in the paragraph before', () => {
    assert.deepEqual(quoteFindings('Line 4 will run every four minutes, Hamedi said, and Line 7 every six.', '“We expect the busiest Friday of the year.”'), []);
    assert.deepEqual(quoteFindings('Regragui said the camp would be “a real competition for places”.', '“Nobody has a shirt for life in this team.”'), []);
  });

  it('but not across a full quote with its own speaker (news style: a new quote paragraph is a new speaker)', () => {
    assert.equal(quoteFindings('“We measured every bridge on the river,” Nasser said.', '“Some of them twice, because the readings made no sense.”').length, 1);
  });

  it('“told X” and “in a statement”', () => {
    assert.deepEqual(quoteFindings('“Drivers should leave the car at home,” he told state radio.'), []);
    assert.deepEqual(quoteFindings('In a statement, the directorate put it plainly: “Without fresh water, the palms will not last.”'), []);
    assert.deepEqual(quoteFindings('“The road reopens on Friday at six.” The council confirmed the time in a statement.'), []);
  });

  it('a named person as the subject of the sentence before', () => {
    assert.deepEqual(quoteFindings('Fatemeh Sadeghi has picked flowers for forty years. “The flowers came late and came small.”'), []);
    assert.deepEqual(quoteFindings('The airline’s chief officer, Laila Haddad, was blunter. “Central Asia is the market nobody here has served.”'), []);
    assert.deepEqual(quoteFindings('Priya Nair has kept her son indoors.', '“He asks every morning if the sky is back.”'), []);
  });

  it('still reports a quote with nobody to say it', () => {
    assert.deepEqual(quoteFindings('Commuters at the station were less interested in the trains.', '“For a year we walked up ninety steps.”'), [[0.8, '“For a year we walked up ninety steps.”']]);
    assert.equal(quoteFindings('The project cost 37 billion roubles.', '“We built most of it ourselves, down to the magnets.”').length, 1);
    // A generic unit is not a person: `Metro Line` does not speak.
    assert.equal(quoteFindings('Metro Line 4 opened in 2008. “We waited years for the line to open.”').length, 1);
  });

  it('a partial quote inside a sentence is kept under the default threshold', () => {
    assert.deepEqual(quoteFindings('The jury praised the film’s “patience and its hands”.'), [[0.4, '“patience and its hands”']]);
  });

  it('leaves a quote whose attribution was cut to dangling-attribution: one fault, one finding', () => {
    const fs = runChecks({ headline: 'Story', dek: 'A dek.', dateline: 'Tehran', body: doc('“Nobody will be charged for the clean-up,” according to.') });
    assert.deepEqual(fs.map((f) => f.ruleId), ['dangling-attribution']);
  });
});
