import { it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chineseKey, joinedKey, transliterationKey, wadeGiles } from './index.ts';

it('pinyin and Wade-Giles spellings of one name share a Chinese key', () => {
  for (const [a, b] of [['Zedong', 'Tse-tung'], ['Zhou', 'Chou'], ['Enlai', 'En-lai'], ['Xu', 'Hsu'], ['Qinghua', 'Tsinghua'], ['Kexing', 'Ke-hsing'], ['Dewei', 'Te-wei'], ['Yingwen', 'Ing-wen'], ['Zhiyong', 'Chih-yung']]) {
    assert.notEqual(chineseKey(a), '', a);
    assert.equal(chineseKey(a), chineseKey(b), `${a}/${b}`);
  }
});

it('words that are not runs of Chinese syllables get no key', () => {
  for (const w of ['Prigozhin', 'Soleimani', 'Tehran', 'Srivastava', 'Hamid']) assert.equal(chineseKey(w), '', w);
  assert.notEqual(chineseKey('Zhu'), chineseKey('Zhou'));
});

it('only Wade-Giles spellings are marked as such', () => {
  for (const w of ['Tse-tung', 'Hsu', 'Tsinghua', 'En-lai', 'Kung']) assert.equal(wadeGiles(w), true, w);
  for (const w of ['Zedong', 'Xu', 'Qinghua', 'Enlai', 'Chou', 'Soleimani']) assert.equal(wadeGiles(w), false, w);
});

it('joinedKey: a name split, hyphenated or joined keys alike; a leading article is dropped', () => {
  assert.equal(joinedKey('Abdul Rahman'), joinedKey('Abdulrahman'));
  assert.equal(joinedKey('Abd al-Rahman'), joinedKey('Abdulrahman'));
  assert.equal(joinedKey('Zayandeh Rud'), joinedKey('Zayanderud'));
  assert.equal(joinedKey('Xiao-ping'), joinedKey('Xiaoping'));
  assert.equal(joinedKey('al-Rashidi'), joinedKey('Rashidi'));
  assert.equal(joinedKey('Hamid'), transliterationKey('Hamid'));
  assert.notEqual(joinedKey('Abdul Rahman'), joinedKey('Abdul Karim'));
});

it('never throws and stays bounded on any input', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => {
    assert.ok(chineseKey(s).length < 400);
    assert.ok(joinedKey(s).length <= 256);
    wadeGiles(s);
  }));
});
