import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Doc } from '../../articles/index.ts';
import { runChecks } from '../index.ts';

const doc = (...paras: string[]): Doc => ({ type: 'doc', content: paras.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
const quotes = (...paras: string[]): string[] =>
  runChecks({ headline: 'Story', dek: 'A dek.', dateline: 'Tehran', body: doc(...paras) })
    .filter((f) => f.ruleId === 'quote-without-speaker')
    .map((f) => ('block' in f.range ? paras[f.range.block].slice(f.range.start, f.range.end) : ''));

const ORPHAN = '“Nobody told us the tap water was unsafe to drink.”';

describe('quote-without-speaker: a quote paragraph of its own beside an institution', () => {
  it('flags it when the paragraph after is an institution speaking', () => {
    for (const next of [
      'The utility said it had sent text messages to every household.',
      'The city’s heritage committee said the façade would be kept.',
      'Police said there had been no accidents since the cold set in.',
      'Prices have fallen by a fifth, the farmers’ union said.',
    ]) assert.deepEqual(quotes('Residents were angry.', ORPHAN, next), [ORPHAN], next);
  });

  it('flags it when the paragraph before is an institution speaking', () => {
    assert.deepEqual(quotes('The municipality said the line cost 14 million dinars.', ORPHAN), [ORPHAN]);
    assert.deepEqual(quotes('Jazeera carried 4.5 million passengers, according to its annual report.', ORPHAN), [ORPHAN]);
  });

  it('does not flag it when a person speaks beside it', () => {
    for (const next of [
      'The mayor said the budget reflected months of consultation.',
      'Hamedi said the closures would be lifted by 2 p.m.',
      'The utility’s director, Karim Nasser, said letters had gone to every house.',
      'A ministry spokesman said letters had gone to every house.',
      '“She has been like that since she was eight,” her father said.',
    ]) assert.deepEqual(quotes('Residents were angry.', ORPHAN, next), [], next);
    assert.deepEqual(quotes('Their supervisor, Rakesh Chaudhary, said it sent alerts by text message.', ORPHAN), []);
  });

  it('an unclosed quote is left to unbalanced-quotes when any attribution follows', () => {
    assert.deepEqual(quotes('“The heat does not read the calendar.', 'The ministry said the ban would be reviewed.'), []);
  });
});

describe('quote-without-speaker: a noun of saying with its source', () => {
  it('“…” That was the promise from the mayor: attributed', () => {
    assert.deepEqual(quotes('“Every classroom will be heated before the first snow.” That was the promise from the mayor, Amin al-Mamari.'), []);
    assert.deepEqual(quotes('“Every classroom will be heated before the first snow.”', 'That was the verdict of one teacher at the school.'), []);
  });
  it('but a promise with no source is no speaker', () => {
    const q = '“Every classroom will be heated before the first snow.”';
    assert.deepEqual(quotes(q, 'The promise was repeated at the opening.'), [q]);
  });
});

describe('quote-without-speaker: a partial quote in the passive', () => {
  it('has been described as “…” with no one describing it is reported, above the default threshold', () => {
    const p = 'The terminal, designed by a Turkish firm, has been described as “the most beautiful airport building in Central Asia”.';
    assert.deepEqual(quotes(p), ['“the most beautiful airport building in Central Asia”']);
  });
  it('but not with an agent or a medium after it, nor in the active voice', () => {
    assert.deepEqual(quotes('The cubs have been called “the most photographed animals in Siberia” on Russian social media.'), []);
    assert.deepEqual(quotes('The terminal has been described as “the most beautiful building in Central Asia” by its architects.'), []);
    assert.deepEqual(quotes('Critics called the building’s cost “a luxury for a country with crumbling rural roads”.'), []);
  });
  it('the subject of a verb of saying is found past an appositive and a date, not in it', () => {
    const next = 'Orlov, a two-time champion, said the youngster had played well.';
    assert.deepEqual(quotes('All three finished on seven points.', ORPHAN, next), []);
    assert.deepEqual(quotes('Residents were angry.', ORPHAN, 'Flights resume by March, the airline said.'), [ORPHAN]);
  });
});
