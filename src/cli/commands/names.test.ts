// Lives here only because src/cli/commands/ is not ours to add files to; move beside names.ts when wiring.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { namesCommand } from './names.ts';

it('names key prints NAME<TAB>KEY and rejects bad usage', async () => {
  const lines: string[] = [];
  assert.equal(await namesCommand(['key', 'Ghaani', 'Qaani'], (l) => lines.push(l)), 0);
  assert.deepEqual(lines, ['Ghaani\tkani', 'Qaani\tkani']);
  const usage: string[] = [];
  assert.equal(await namesCommand(['key'], (l) => usage.push(l)), 2);
  assert.equal(await namesCommand(['frob', 'x'], (l) => usage.push(l)), 2);
  assert.match(usage[0], /usage: dateline names key/);
});
