import { transliterationKey } from './transliteration.ts';

/**
 * The house spelling of a name, looked up by transliteration key. Editors
 * keep the list; the storage lives outside the domain (a DB-backed
 * implementation is wired in main.ts), so checks and search take this port.
 */
export interface HouseSpellings {
  preferredFor(key: string): string | undefined;
}

/** In-memory house spellings: the first spelling listed for a key wins. */
export function houseSpellingsFromList(spellings: readonly string[]): HouseSpellings {
  const byKey = new Map<string, string>();
  for (const s of spellings) {
    const key = transliterationKey(s);
    if (key && !byKey.has(key)) byKey.set(key, s.trim());
  }
  return { preferredFor: (key) => byKey.get(key) };
}

export const noHouseSpellings: HouseSpellings = { preferredFor: () => undefined };
