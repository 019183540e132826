import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ImportFormatError } from '../../src/domain/import/index.ts';
import { JsonReader, type JsonChoice, type JsonKey } from '../../src/domain/import/json-stream.ts';

/** Feeds `text` to a reader in the given chunk lengths (the rest in one last chunk). */
function read(text: string, cuts: number[], choose: (path: readonly JsonKey[]) => JsonChoice = () => 'take') {
  const taken: { path: JsonKey[]; value: unknown; end: number }[] = [];
  const r = new JsonReader({ choose, take: (path, value, at) => taken.push({ path: [...path], value, end: at() }) });
  let i = 0;
  for (const n of cuts) {
    if (i >= text.length) break;
    r.write(text.slice(i, i + n));
    i += n;
  }
  r.write(text.slice(i));
  r.end();
  return taken;
}

const cuts = fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 30 });

test('any JSON, however it is cut into chunks, reads as JSON.parse reads it', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), cuts, (value, indent, chunks) => {
      const text = JSON.stringify(value, null, indent);
      assert.deepEqual(read(text, chunks).map((t) => t.value), [JSON.parse(text)]);
    }),
    { numRuns: 400 },
  );
});

test('a broken text is refused exactly when JSON.parse refuses it', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('', ',', '"', '}', ']', '\\', '\n', 'x', '0', ':', '\u0001'), cuts, (value, at, insert, chunks) => {
      const good = JSON.stringify(value, null, 1);
      const pos = at % (good.length + 1);
      // Replace one character (or insert, when the replacement is empty: then delete).
      const text = insert === '' ? good.slice(0, pos) + good.slice(pos + 1) : good.slice(0, pos) + insert + good.slice(pos + 1);
      let parsed = true;
      try {
        JSON.parse(text);
      } catch {
        parsed = false;
      }
      let ours = true;
      try {
        read(text, chunks);
      } catch (e) {
        assert.ok(e instanceof ImportFormatError, String(e));
        ours = false;
      }
      assert.equal(ours, parsed, JSON.stringify(text));
    }),
    { numRuns: 1500 },
  );
});

test('errors name the line and column and what is wrong', () => {
  const fails = (text: string, message: string) => assert.throws(() => read(text, [3, 5, 7]), (e: Error) => e instanceof ImportFormatError && e.message === message);
  fails('{\n  "a": 1\n  "b": 2\n}', 'line 3, column 3: expected "," or "}" after a value in an object, found \'"\'');
  fails('[1,\n 2,\n tru]', 'line 3, column 2: "tru" is not a value (strings need double quotes; the words are true, false and null)');
  fails('{"a": "one\ntwo"}', 'line 1, column 11: a control character (U+000A) inside a string: a line break in a string must be written \\n');
  fails('{"a": "\\q"}', 'line 1, column 9: "\\q" is not an escape JSON knows');
  fails('{"posts": [\n{"html": "<p>', 'line 2, column 14: the file ends inside a string: it was cut short');
  fails('{"posts": [\n{}', 'line 2, column 3: the file ends inside an array: it was cut short');
  fails('{"a": 01}', 'line 1, column 7: "01" is not a number');
  fails('{a: 1}', 'line 1, column 2: expected a key in double quotes, found "a"');
  fails('{} {}', 'line 1, column 4: more after the end of the JSON value: "{"');
  fails('  ', 'line 1, column 3: the file is empty');
});

test('only the values chosen are handed over, each with its path and where it ends in bytes', () => {
  const text = '{"db":[{"data":{"posts":[{"id":"1","html":"é"},{"id":"2"}],"tags":[{"id":"t"}]}}]}';
  const choose = (p: readonly JsonKey[]): JsonChoice => (p.length === 5 && p[3] === 'posts' ? 'take' : p.length < 4 || p[3] === 'posts' ? 'enter' : 'skip');
  const taken = read(text, [9, 4, 13], choose);
  assert.deepEqual(taken.map((t) => [t.path, t.value]), [[['db', 0, 'data', 'posts', 0], { id: '1', html: 'é' }], [['db', 0, 'data', 'posts', 1], { id: '2' }]]);
  // "é" is two bytes in the file: offsets are bytes, not characters.
  assert.equal(taken[0].end, Buffer.byteLength(text.slice(0, text.indexOf('},') + 1)));
  assert.equal(taken[1].end, Buffer.byteLength(text.slice(0, text.indexOf('}]') + 1)));
});

test('a key named __proto__ is data, as JSON.parse makes it, and changes no prototype', () => {
  const [{ value }] = read('{"__proto__": {"polluted": true}, "a": 1}', []);
  assert.deepEqual(Object.keys(value as object), ['__proto__', 'a']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal((value as Record<string, unknown>).polluted, undefined);
});
