/**
 * Second frozen holdout set for the editorial checks (issue 13), dated 2026-12-03.
 *
 * Written and labelled by someone who had not seen the rules' code, the
 * transliteration code or the other labelled sets, and who did not run the
 * checks on these stories: the labels say what a copy editor would want
 * flagged, not what any rule finds.
 *
 * FROZEN: this set measures the rules once. Never tune a rule on it, never
 * edit a story or a label to make a rule pass; a set that has been tuned on no
 * longer measures anything. If it is found wrong, write a new dated set. The
 * test beside it pins a hash of the whole set so an edit cannot slip through.
 *
 * Labelling conventions:
 * - `name-spelled-two-ways`: one fault per entity written two or more ways;
 *   `at` holds every distinct spelling as written. The suggestion is the
 *   house spelling when `houseSpellings` lists one, else the spelling used
 *   most; left out on a tie. An article alone (`al-Maliki` / `Maliki`,
 *   `el-Sayed` / `Sayed`) is not a fault; an article changed together with
 *   the spelling (`Al Mansoori` / `Al-Mansouri`) is. Dropped diacritics
 *   (`Yıldırım` / `Yildirim`) are a fault. Different entities sharing a root
 *   (a person and a place, two people, a city and a brand) are not, and are
 *   listed in `neverSuggest`.
 * - `quote-without-speaker`: three or more quoted words whose speaker a
 *   reader cannot tell: nobody in the quote's sentence or the sentence
 *   before, no speaker in its paragraph, and no antecedent for a bare
 *   he/she/they. Vague attribution (`an airline official`), `told X`,
 *   `in a statement`, a speaker named in the sentence before and the person
 *   the paragraph is about all count as speakers. A quote in the headline or
 *   dek needs its speaker in the story. Titles of works, scare quotes of one
 *   or two words, slogans on signs and names are not quotes. `at` is the
 *   start of the quoted words.
 * - Other rules are used a little: `dateline-form` (lower-case city),
 *   `dangling-attribution` ("according to." with nobody after it),
 *   `unbalanced-quotes` (an opening mark never closed in its paragraph) and
 *   `headline-too-long` (over 90 characters).
 * - Stories mix curly and straight quotation marks, as real copy does.
 */
import type { LabelledFaultStory } from './labelled-faults.types.ts';
import { PART_1 } from './holdout-stories-2/part-1.ts';
import { PART_2 } from './holdout-stories-2/part-2.ts';
import { PART_3 } from './holdout-stories-2/part-3.ts';
import { PART_4 } from './holdout-stories-2/part-4.ts';

export const HOLDOUT_STORIES_2: readonly LabelledFaultStory[] = [...PART_1, ...PART_2, ...PART_3, ...PART_4];
