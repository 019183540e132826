import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MAX_ID, parseId } from '../../src/domain/shared/ids.ts';

test('the one id parser takes plain positive integers within int4 and nothing else', () => {
  for (const ok of ['1', '42', String(MAX_ID)]) assert.equal(parseId(ok), Number(ok));
  assert.equal(parseId(7), 7);
  for (const bad of ['', '0', '01', '-1', '1.5', '1e3', ' 1', '1 ', '+1', String(MAX_ID + 1), '9999999999', '0x10', '١٢', 1.5, 0, -3, MAX_ID + 1, null, undefined, {}, ['1']]) {
    assert.equal(parseId(bad), null, JSON.stringify(bad));
  }
  // Oracle: the decimal text of an integer in 1..MAX_ID, exactly.
  fc.assert(fc.property(fc.oneof(fc.string(), fc.integer().map(String), fc.bigInt().map(String)), (s) => {
    const expected = /^[1-9][0-9]*$/.test(s) && BigInt(s) <= BigInt(MAX_ID) ? Number(s) : null;
    assert.equal(parseId(s), expected);
  }));
});
