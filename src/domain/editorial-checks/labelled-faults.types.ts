import type { RuleId } from './editorial-checks.types.ts';

/**
 * One real fault an editor would want reported, labelled by a person who had
 * not seen the rules' code. Precision and recall are counted per fault: one
 * finding per fault is right; a second finding for the same fault is noise.
 */
export interface LabelledFault {
  rule: RuleId;
  /**
   * Exact substrings of the story (headline, dek, dateline or a paragraph)
   * where the fault stands; a finding matches the fault when one of its
   * ranges overlaps an occurrence of one of them. For `name-spelled-two-ways`,
   * every spelling of the one entity as written, e.g.
   * ['Yevgeny Prigozhin', 'Evgeniy Prigozhin'].
   */
  at: string[];
  /** The suggestion an editor would accept, where there is one (names: the house spelling, else the one used most). */
  expectSuggestion?: string;
}

export interface LabelledFaultStory {
  id: string;
  headline: string;
  dek: string;
  dateline: string;
  paragraphs: string[];
  /** The newsroom's house spellings (preferred forms) in force for this story, if any. */
  houseSpellings?: string[];
  faults: LabelledFault[];
  /** Names in the story that belong to a different entity than some similar name: never an acceptable suggestion for another name. */
  neverSuggest?: string[];
}
