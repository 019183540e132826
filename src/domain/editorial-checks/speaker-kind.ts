import { GENERICS, TITLES } from './name-units.ts';

/**
 * Whether the one who says something is a person or an institution, for a
 * quote that stands in a paragraph of its own: `The mayor said…` or
 * `Hamedi said…` beside it says whose voice it is; `The department said…`,
 * `Police said…` or `the farmers’ union said` does not (issue 13's
 * recall follow-up, docs/editorial-checks.md).
 */

/** Nouns naming an institution: the generic words of names (`ministry`, `office`…) and these. */
const INSTITUTION = new Set([
  ...GENERICS,
  'municipality', 'administration', 'government', 'authorities', 'firm', 'operator', 'regulator', 'court', 'report',
  'figures', 'data', 'survey', 'study', 'website', 'union', 'embassy', 'utility', 'police', 'organisers', 'organizers',
  'statement',
]);

/**
 * Words of a title that name a portfolio or a rank's kind, not a person: `Health` in `Health
 * Minister`, `deputy`, `general` (`general director`). Alone they are no one (tune-3, t3-08:
 * `the provincial health directorate said` was taken for a he).
 */
const TITLE_MODIFIERS = new Set(
  ('prime foreign interior defence defense transport health finance deputy vice chief general gen major supreme grand crown ' +
    'agriculture labour economy education culture environment energy oil trade sports sport').split(' '),
);

/** Nouns naming a person who may be quoted (besides titles: `mayor`, `coach`, `director`…). */
const PERSON = new Set([
  ...[...TITLES].filter((t) => !TITLE_MODIFIERS.has(t)),
  'official', 'officials', 'resident', 'residents', 'farmer', 'farmers', 'driver', 'drivers', 'teacher', 'teachers',
  'engineer', 'doctor', 'doctors', 'nurse', 'witness', 'witnesses', 'neighbour', 'neighbor', 'owner', 'manager',
  'worker', 'workers', 'student', 'students', 'parent', 'parents', 'mother', 'son', 'daughter', 'wife', 'husband',
  'brother', 'sister', 'man', 'woman', 'villager', 'villagers', 'fisherman', 'fishermen', 'expert', 'analyst',
  'researcher', 'scientist', 'scientists', 'historian', 'curator', 'architect', 'archivist', 'player', 'players',
  'fan', 'fans', 'author', 'writer', 'poet', 'singer', 'artist', 'economist', 'lawyer', 'activist', 'vendor',
  'shopkeeper', 'trader', 'merchant', 'pilgrim', 'passenger', 'commuter', 'organiser', 'organizer', 'founder',
  'spokesman', 'spokeswoman', 'spokesperson', 'he', 'she', 'i', 'we', 'they', 'who',
]);

/** A noun or pronoun that names a person who may be quoted (`mayor`, `farmers`, `she`). */
export function personNoun(word: string): boolean {
  return PERSON.has(bare(word));
}

/** Capitalised words that start a sentence without naming anyone. */
const FUNCTION = new Set('the a an in on at its his her their our this that these those there it but and after before when while for one some'.split(' '));

const words = (s: string): string[] => s.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
const bare = (w: string): string => w.toLowerCase().replace(/['’]s?$/u, '');

/**
 * The clause the verb's subject stands in: after the last comma (`…by
 * March, the airline said`), or between the last two when a comma closes an
 * appositive right before the verb (`Their supervisor, Rakesh Chaudhary, said`),
 * the appositive and what stands before it.
 */
function subjectClause(sentence: string): string {
  const parts = sentence.split(',');
  const last = parts.pop() ?? '';
  // An appositive: the subject is before it or in it (`Orlov, a two-time champion,`; `Their supervisor, Rakesh Chaudhary,`).
  return words(last).length > 0 ? last : parts.slice(-2).join(',');
}

/**
 * The speaker of the verb at `at`…`end` in `text` (quotes blanked) is a
 * person. The head of the subject (the word right before the verb, or the
 * first after it in `said the ministry`) decides when it names an
 * institution; otherwise a person noun, a pronoun or a name (a capitalised
 * word that is not a sentence's article) among the words before it does.
 */
export function personSpeaks(text: string, at: number, end: number): boolean {
  const sentence = text.slice(Math.max(0, at - 80), at).split(/[.!?;:]\s/u).pop() ?? '';
  const before = words(subjectClause(sentence)).slice(-5);
  const after = words(text.slice(end, end + 40).split(/[.,;:!?]/u)[0]).filter((w) => !FUNCTION.has(w.toLowerCase())).slice(0, 3);
  const near = before.length ? before : after;
  const head = before.length ? before[before.length - 1] : after[0];
  if (!head || INSTITUTION.has(bare(head))) return false;
  return near.some((w) => PERSON.has(bare(w)) || (/^\p{Lu}/u.test(w) && !INSTITUTION.has(bare(w)) && !FUNCTION.has(bare(w))));
}

/** The source named after `according to` is an institution (`according to the ministry`, `its annual report`). */
export function institutionSource(source: string): boolean {
  return words(source).slice(0, 4).some((w) => INSTITUTION.has(bare(w)));
}
