import type { HouseSpellings } from '../../transliteration/index.ts';
import type { CheckContext, FindingRange, RawFinding, Rule } from '../editorial-checks.types.ts';
import { sameNameConfidence, spellingsOf, type Spelling } from '../name-spellings.ts';
import { bareSpelling, nameUnits, type NameText, type WordOccurrence } from '../name-units.ts';
import { blockRange } from '../story-blocks.ts';

/**
 * One name spelled two ways in one story (Ghaani and Qaani; Yevgeny and
 * Evgeniy Prigozhin), reported once per name with every spelling, its count
 * and every place it stands, so the editor fixes one fault, not a list.
 *
 * Spellings are compared as words of name units (`name-units.ts`): case
 * and an article (`al-`, `el-`) alone never make a second spelling, and two
 * spellings are one name only when the company they keep agrees (below).
 * Suggestion: the house spelling when the dictionary has one that is not
 * another name in this story, else the spelling used most (first seen on a tie).
 * A name with two words spelled two ways (`Zhou Enlai` / `Chou En-lai`) is one
 * fault: the words' groups are joined when they stand in the same units.
 */
/** Spellings joined into names (union-find over the pairs that are one name); each name with its best confidence. */
function names(spellings: Spelling[]): Array<{ members: Spelling[]; confidence: number }> {
  const parent = spellings.map((_, i) => i);
  const best = spellings.map(() => 0);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (let i = 0; i < spellings.length; i++) {
    for (let j = i + 1; j < spellings.length; j++) {
      const c = sameNameConfidence(spellings[i], spellings[j]);
      if (c === 0) continue;
      const [ri, rj] = [root(i), root(j)];
      parent[rj] = ri;
      best[ri] = Math.max(best[ri], best[rj], c);
    }
  }
  const groups = new Map<number, Spelling[]>();
  spellings.forEach((s, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), s]));
  return [...groups].filter(([, m]) => m.length > 1).map(([r, members]) => ({ members, confidence: best[r] }));
}

/** `Wagner` in `Wagner Group` is another entity's word when `Richard Wagner` is the one misspelt: not marked. */
const marked = (s: Spelling): WordOccurrence[] => (s.plainWords.length ? s.plainWords : s.words);

/** The spelling as most often written (`al-Wazir` rather than `Wazir` if that is how the story has it). */
function written(s: Spelling): string {
  const counts = new Map<string, number>();
  for (const w of marked(s)) counts.set(w.text, (counts.get(w.text) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

function suggestionFor(members: Spelling[], all: Spelling[], house: HouseSpellings): { text: string; house: boolean } {
  const others = new Set(all.filter((s) => !members.includes(s)).map((s) => s.bare));
  // Any spelling's key may be the one the dictionary lists: loose spellings (`Chaudhary` / `Choudhary`) have two (tune-3, t3-03).
  const fromHouse = members.map((m) => house.preferredFor(m.key)).find((h) => h !== undefined && !others.has(bareSpelling(h)));
  if (fromHouse) return { text: fromHouse, house: true };
  // Sort is stable: on a tie the spelling seen first stays first.
  const most = [...members].sort((a, b) => marked(b).length - marked(a).length)[0];
  return { text: written(most), house: false };
}

function texts({ story, blocks }: Pick<CheckContext, 'story' | 'blocks'>): NameText[] {
  return [
    ...(['headline', 'dek'] as const).map((field) => ({ text: story[field], rangeOf: (start: number, end: number) => ({ field, start, end }) })),
    ...blocks.map((b) => ({ text: b.text, rangeOf: (start: number, end: number) => blockRange(b, start, end) })),
  ];
}

type Group = { members: Spelling[]; confidence: number };

/** Groups whose marked words share a unit are one name's words (`Chou` and `En-lai` in `Chou En-lai`). */
function byName(groups: Group[]): Group[][] {
  const units = groups.map((g) => new Set(g.members.flatMap(marked).map((w) => w.unit)));
  const out: Array<{ groups: Group[]; units: Set<number> }> = [];
  groups.forEach((g, i) => {
    const into = out.filter((o) => [...units[i]].some((u) => o.units.has(u)));
    const merged = { groups: [...into.flatMap((o) => o.groups), g], units: new Set([...units[i], ...into.flatMap((o) => [...o.units])]) };
    for (const o of into) out.splice(out.indexOf(o), 1);
    out.push(merged);
  });
  return out.map((o) => o.groups.sort((a, b) => firstOrder(a) - firstOrder(b)));
}

const firstOrder = (g: Group): number => Math.min(...g.members.flatMap(marked).map((w) => w.order));

/** One range per unit: the words of one occurrence of the name are marked together (`Zhou Enlai`). */
function rangesOf(words: WordOccurrence[]): FindingRange[] {
  const byUnit = new Map<number, FindingRange>();
  for (const w of [...words].sort((a, b) => a.order - b.order)) {
    const r = byUnit.get(w.unit);
    byUnit.set(w.unit, r ? { ...r, start: Math.min(r.start, w.range.start), end: Math.max(r.end, w.range.end) } : w.range);
  }
  return [...byUnit.values()];
}

function findingOf(name: Group[], spellings: Spelling[], house: HouseSpellings): RawFinding {
  const members = name.flatMap((g) => g.members);
  const words = members.flatMap(marked);
  const parts = name.map((g) => ({ g, ...suggestionFor(g.members, spellings, house) }));
  const text = parts.map((p) => p.text).join(' ');
  const counts = parts.map((p) => p.g.members.map((m) => `“${written(m)}” ×${marked(m).length}`).join(', ')).join('; ');
  const ways = Math.max(...name.map((g) => g.members.length));
  const ranges = rangesOf(words);
  return {
    message: `Name spelled ${ways} ways: ${counts}; ${parts.some((p) => p.house) ? 'the house spelling is' : 'the story mostly uses'} “${text}”`,
    range: ranges[0],
    ranges,
    suggestion: text,
    confidence: Math.max(...name.map((g) => g.confidence)),
    match: members.map((m) => m.bare).sort().join('|'),
  };
}

export const nameSpelledTwoWays: Rule = {
  id: 'name-spelled-two-ways',
  severity: 'warning',
  check({ story, blocks, houseSpellings }: Pick<CheckContext, 'story' | 'blocks' | 'houseSpellings'>): RawFinding[] {
    const spellings = spellingsOf(nameUnits(texts({ story, blocks })));
    return byName(names(spellings)).map((name) => findingOf(name, spellings, houseSpellings));
  },
};
