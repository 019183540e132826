export { transliterationKey, sameName, wordKey, joinedKey } from './transliteration.ts';
export { chineseKey, wadeGiles } from './chinese-syllables.ts';
export { foldScript } from './script-fold.ts';
export { nameTokens, type NameToken } from './name-tokens.ts';
export { houseSpellingsFromList, noHouseSpellings, type HouseSpellings } from './house-spellings.ts';
export { LABELLED_GROUPS, DISTINCT_PAIRS, type NameGroup, type DistinctPair, type Split } from './labelled-names.ts';
export { evaluateKey, evaluateSplit, printEvaluation, type KeyEvaluation } from './evaluate.ts';
