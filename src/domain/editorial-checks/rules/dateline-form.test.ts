import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Doc } from '../../articles/index.ts';
import { runChecks } from '../index.ts';

const doc = (...paras: string[]): Doc => ({ type: 'doc', content: paras.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
const check = (dateline: string, ...paras: string[]) =>
  runChecks({ headline: 'Story', dek: 'A dek.', dateline, body: doc(...paras) }).filter((f) => f.ruleId === 'dateline-form');

it('one dateline with two problems is one finding that names both, with no half-fix suggested', () => {
  const fs = check('Murmansk, Dec. 2 —', 'Text.');
  assert.equal(fs.length, 1);
  assert.match(fs[0].message, /ends with punctuation/);
  assert.match(fs[0].message, /holds a date/);
  assert.equal(fs[0].suggestion, undefined);
});

it('a single problem keeps its message and suggestion (old dismissals still match)', () => {
  const [f] = check('Tehran –', 'Text.');
  assert.equal(f.message, 'Dateline ends with punctuation; the page adds the dash');
  assert.equal(f.suggestion, 'Tehran');
});

it('an empty field and a dateline typed into the body are one fault, marked in both places', () => {
  const fs = check('', 'CHENGDU – A panda gave birth to twins.');
  assert.equal(fs.length, 1);
  assert.deepEqual(fs[0].ranges.map((r) => ('field' in r ? r.field : r.block)), ['dateline', 0]);
  assert.equal(fs[0].suggestion, 'move “CHENGDU” to the dateline field');
});

it('leaves a plain place alone, and a dash inside the first sentence', () => {
  assert.deepEqual(check('Tehran, Iran', 'Rain – and lots of it – fell.'), []);
  // A correct field beside a body dateline is one finding, for the body.
  assert.deepEqual(check('Tehran', 'TEHRAN – The talks began.').map((f) => 'block' in f.range), [true]);
});
