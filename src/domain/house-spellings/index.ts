export { HouseSpellingsService, parseSpelling, MAX_SPELLING_CHARS, type HouseSpellingsDeps } from './house-spellings.service.ts';
export type { HouseSpellingRecord } from './house-spellings.repo.ts';
