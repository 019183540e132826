import { nameTokens, transliterationKey } from '../../transliteration/index.ts';
import type { CheckContext, FindingRange, RawFinding, Rule } from '../editorial-checks.types.ts';
import { blockRange } from '../story-blocks.ts';

/**
 * One name spelled two ways in one story (Ghaani and Qaani), found by
 * transliteration key. Every occurrence of a spelling other than the
 * preferred one is reported; preferred = the house spelling when the
 * dictionary has one for the key, else the story's most frequent spelling
 * (ties go to the first seen). Spellings compare case-insensitively, so an
 * all-caps dateline (TEHRAN) is not a second spelling of Tehran.
 */
interface Occurrence {
  spelling: string;
  range: FindingRange;
}

function occurrences({ story, blocks }: Pick<CheckContext, 'story' | 'blocks'>): Occurrence[] {
  const out: Occurrence[] = [];
  for (const field of ['headline', 'dek'] as const) {
    for (const t of nameTokens(story[field])) out.push({ spelling: t.text, range: { field, start: t.start, end: t.end } });
  }
  for (const b of blocks) {
    for (const t of nameTokens(b.text)) out.push({ spelling: t.text, range: blockRange(b, t.start, t.end) });
  }
  return out;
}

const norm = (s: string): string => s.normalize('NFC').toLowerCase();

function preferredSpelling(group: Occurrence[], house: string | undefined): string {
  if (house) return house;
  const counts = new Map<string, { n: number; spelling: string }>();
  for (const o of group) {
    const c = counts.get(norm(o.spelling)) ?? { n: 0, spelling: o.spelling };
    c.n += 1;
    counts.set(norm(o.spelling), c);
  }
  // Map iteration is insertion order, so the strict `>` keeps the first-seen spelling on ties.
  let best = { n: 0, spelling: '' };
  for (const c of counts.values()) if (c.n > best.n) best = c;
  return best.spelling;
}

export const nameSpelledTwoWays: Rule = {
  id: 'name-spelled-two-ways',
  severity: 'warning',
  check({ story, blocks, houseSpellings }: Pick<CheckContext, 'story' | 'blocks' | 'houseSpellings'>): RawFinding[] {
    const byKey = new Map<string, Occurrence[]>();
    for (const o of occurrences({ story, blocks })) {
      const key = transliterationKey(o.spelling);
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), o]);
    }
    const out: RawFinding[] = [];
    for (const [key, group] of byKey) {
      const spellings = new Set(group.map((o) => norm(o.spelling)));
      if (spellings.size < 2) continue;
      const house = houseSpellings.preferredFor(key);
      const preferred = preferredSpelling(group, house);
      for (const o of group) {
        if (norm(o.spelling) === norm(preferred)) continue;
        out.push({
          message: house
            ? `“${o.spelling}”: this story spells the name ${spellings.size} ways; the house spelling is “${preferred}”`
            : `“${o.spelling}” is spelled “${preferred}” elsewhere in this story`,
          range: o.range,
          suggestion: preferred,
          match: o.spelling,
        });
      }
    }
    return out;
  },
};
