import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Doc } from '../../articles/index.ts';
import { runChecks } from '../index.ts';

const doc = (text: string): Doc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const ids = (text: string) => runChecks({ headline: 'Story', dek: 'A dek.', dateline: 'Tehran', body: doc(text) }).map((f) => f.ruleId);

it('an appositive before `, said.` names the speaker: not dangling', () => {
  assert.deepEqual(ids('“We taught in tents for three winters,” one teacher, Huda Sabah, said.'), []);
  assert.deepEqual(ids('“The waiting room sounds like a cough,” one doctor, Ayesha Siddiqui, said.'), []);
  assert.deepEqual(ids('“It was a long night,” the mayor, 54, said.'), []);
});

it('still flags `, said.` after anything that is not a name or an age', () => {
  assert.deepEqual(ids('Organisers expect 400,000 visitors, said.'), ['dangling-attribution']);
  assert.deepEqual(ids('It opened in May, said.'), ['dangling-attribution']);
});
