import type { Doc, ImageNode } from '../articles/index.ts';
import type { HouseSpellings } from '../transliteration/index.ts';

export type Severity = 'error' | 'warning' | 'info';

export type RuleId =
  | 'dangling-attribution'
  | 'quote-without-speaker'
  | 'unbalanced-quotes'
  | 'name-spelled-two-ways'
  | 'dateline-form'
  | 'image-alt-missing'
  | 'image-credit-missing'
  | 'headline-too-long'
  | 'dek-empty';

/**
 * Where a finding points.
 *
 * Body ranges: `block` is the index of a *story block* as numbered by
 * `storyBlocks(doc)`: every paragraph and heading in document order,
 * including paragraphs nested in blockquotes, pull quotes, list items and
 * table cells (`[table, row, cell, paragraph]`),
 * plus every image node (its text is its caption). Horizontal rules are not
 * numbered. `path` gives the node's position in the document
 * (`[3, 0, 1]` = `doc.content[3].content[0].content[1]`) so the editor
 * can map back. `start`/`end` are UTF-16 offsets into that block's plain text
 * as `inlineText()` builds it: text nodes concatenated, each hardBreak
 * counted as one `\n`. Image findings use `start = end = 0`.
 *
 * Field ranges: offsets into the headline, dek or dateline string.
 */
export type BlockRange = { block: number; start: number; end: number; path: number[] };
export type FieldRange = { field: 'headline' | 'dek' | 'dateline'; start: number; end: number };
export type FindingRange = BlockRange | FieldRange;

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  /** Where the fault stands; the first of `ranges` (kept for clients that read one place). */
  range: FindingRange;
  /** Every place of the one fault, in reading order (a name spelled two ways stands in many). */
  ranges: FindingRange[];
  suggestion?: string;
  /**
   * How sure the rule is that this is a fault an editor wants to see, 0 to 1.
   * Findings under the site's threshold are not shown (`RunChecksOptions.minConfidence`).
   */
  confidence: number;
  /**
   * `ruleId:hash(normalised matched text)`. Offsets are left out on purpose
   * so a dismissal survives edits elsewhere in the story; the cost is that
   * dismissing one finding dismisses identical text elsewhere in the story.
   * One fingerprint per finding, however many ranges it has.
   */
  fingerprint: string;
}

/** What a rule returns; the engine adds the rule's id, severity and the fingerprint. */
export interface RawFinding {
  message: string;
  range: FindingRange;
  /** When the fault stands in more than one place; `range` must be the first of them. */
  ranges?: FindingRange[];
  suggestion?: string;
  /** Defaults to 1: most rules are certain of what they report. */
  confidence?: number;
  /** The text the finding is about; the fingerprint is derived from it. */
  match: string;
}

export interface StoryImage {
  alt: string;
  credit: string;
}

export interface StoryInput {
  headline: string;
  dek: string;
  dateline: string;
  body: Doc;
  /** Media-library values by image id, used when the body node leaves alt/credit empty. */
  images?: Map<number, StoryImage>;
}

export type StoryBlockKind = 'paragraph' | 'heading' | 'blockquote' | 'pullQuote' | 'listItem' | 'tableCell' | 'image';

export interface StoryBlock {
  index: number;
  path: number[];
  kind: StoryBlockKind;
  text: string;
  image?: ImageNode['attrs'];
}

/** Everything a rule may read. Each rule declares the `Pick` it needs (docs/architecture.md, house conventions). */
export interface CheckContext {
  story: StoryInput;
  blocks: readonly StoryBlock[];
  houseSpellings: HouseSpellings;
}

export interface Rule {
  id: RuleId;
  severity: Severity;
  check(ctx: CheckContext): RawFinding[];
}

export interface Dismissal {
  ruleId: string;
  fingerprint: string;
}
