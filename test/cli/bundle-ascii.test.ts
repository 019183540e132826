import assert from 'node:assert/strict';
import { SourceMap } from 'node:module';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const { asciiBundle } = await import('../../scripts/bundle-ascii.mjs');

// Regular expressions esbuild leaves non-ASCII (scripts/bundle-ascii.mjs): BMP and astral characters, in and out of classes, with and without the u flag.
const SOURCE = `
export const tests = [
  (s) => s.replace(/['’‘\`]/g, ''),
  (s) => s.match(/[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*/gu),
  (s) => /[ışçğöü]/u.test(s),
  (s) => s.split(/[-‐]/),
  (s) => s.replace(/😀/g, '(smile)'),
  (s) => s.replace(/[😀-😂]/gu, '(face)'),
  (s) => s.replace(/“|”/g, '"'),
];
export const label = 'naïve';
`;

test('the ASCII bundle matches what the original matched, and its map points where the original map did', async () => {
  const r = await esbuild.build({ stdin: { contents: SOURCE, sourcefile: 'in.js', loader: 'js' }, bundle: false, write: false, outfile: 'out.js', minify: true, sourcemap: 'external', format: 'esm' });
  const code = r.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const map = JSON.parse(r.outputFiles.find((f) => f.path.endsWith('.map'))!.text);
  assert.match(code, /[^\x00-\x7f]/, 'esbuild left non-ASCII characters for the test to escape');
  const out = asciiBundle(code, map);
  assert.doesNotMatch(out.code, /[^\x00-\x7f]/);
  assert.ok(out.escaped > 0);

  const load = async (text: string) => (await import(`data:text/javascript,${encodeURIComponent(text)}`)) as { tests: Array<(s: string) => unknown>; label: string };
  const [before, after] = [await load(code), await load(out.code)];
  assert.equal(after.label, before.label);
  const inputs = ['it’s a ‘quote’', 'İstanbul çay', 'x‐y-z', 'hi 😀 😁 😃', '“Yes,” she said', 'plain ascii'];
  for (let i = 0; i < before.tests.length; i++) for (const s of inputs) assert.deepEqual(after.tests[i](s), before.tests[i](s), `expression ${i} on ${s}`);

  // Every generated position the original map names maps, shifted by the escapes before it on its line, to the same original place.
  const [a, b] = [new SourceMap(map), new SourceMap(out.map as typeof map)];
  const lines = code.split('\n');
  let checked = 0;
  for (let l = 0; l < lines.length; l++) {
    let added = 0;
    for (let c = 0; c < lines[l].length; c++) {
      const e1 = a.findEntry(l, c) as { generatedColumn?: number; originalLine?: number; originalColumn?: number };
      if (e1.generatedColumn === c) {
        const e2 = b.findEntry(l, c + added) as typeof e1;
        assert.deepEqual([e2.generatedColumn, e2.originalLine, e2.originalColumn], [c + added, e1.originalLine, e1.originalColumn]);
        checked++;
      }
      if (lines[l].charCodeAt(c) > 0x7f) added += 5;
    }
  }
  assert.ok(checked > 20);
});
