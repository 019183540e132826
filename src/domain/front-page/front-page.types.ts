/** One story chosen for a place, held until `pinnedUntil` (null: until an editor changes it). */
export interface StoryChoice {
  storyId: number;
  pinnedUntil: Date | null;
}

/** The story leading one section's own page. */
export interface SectionLeadChoice extends StoryChoice {
  sectionId: number;
}

/**
 * What editors chose. Anything not chosen, expired or no longer public is
 * filled from the newest stories when a page is drawn, so every field may
 * be empty and the pages still look as they did before any choice.
 */
export interface FrontPageChoices {
  lead: StoryChoice | null;
  /** In the order shown, at most MAX_TOP_STORIES. */
  top: StoryChoice[];
  /** Section ids, first block first; sections not named follow, newest story first. */
  sectionOrder: number[];
  sectionOrderUntil: Date | null;
  sectionLeads: SectionLeadChoice[];
}

export const MAX_TOP_STORIES = 4;

export const NO_CHOICES: FrontPageChoices = { lead: null, top: [], sectionOrder: [], sectionOrderUntil: null, sectionLeads: [] };

/** The job kind that purges the pages a pinned choice leaves when its time ends. */
export const FRONT_PAGE_PIN_JOB = 'front-page-pin';
