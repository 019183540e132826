import { it } from 'node:test';
import assert from 'node:assert/strict';
import { runChecks } from '../index.ts';

const check = (headline: string) =>
  runChecks({ headline, dek: 'A dek.', dateline: 'Tehran', body: { type: 'doc', content: [] } }).filter((f) => f.ruleId === 'headline-too-long');

it('marks the whole headline, not only what runs past 110 characters', () => {
  const headline = `  ${'Murmansk fishermen say the cod are moving north '.repeat(3).trim()}  `;
  const [f, ...rest] = check(headline);
  assert.equal(rest.length, 0);
  assert.deepEqual(f.range, { field: 'headline', start: 2, end: headline.trimEnd().length });
  assert.equal(f.suggestion, `cut ${[...headline.trim()].length - 110} characters`);
});

it('does not flag 110 characters, counted in code points', () => {
  assert.deepEqual(check('h'.repeat(110)), []);
  assert.deepEqual(check('😀'.repeat(110)), []);
  assert.equal(check('😀'.repeat(111)).length, 1);
});
