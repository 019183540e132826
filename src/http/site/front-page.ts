import type { ArticleSummary } from '../../domain/articles/index.ts';
import type { FrontPageChoices } from '../../domain/front-page/index.ts';
import type { StoryGroup } from './templates/lists.tsx';

export interface HomeArrangement {
  lead: ArticleSummary | null;
  top: ArticleSummary[];
  groups: StoryGroup[];
}

/**
 * The front page from the newest stories and the editors' choices still in
 * force (`chosen`: the chosen stories that are public now, any order). A
 * choice whose story is not among `chosen` (unpublished, deleted, a pin
 * that ended) is simply absent, so its place falls back to the newest:
 * the lead to the newest story not placed above, the story itself to its
 * section's block. Each story appears once.
 */
export function arrangeHome(newest: readonly ArticleSummary[], chosen: readonly ArticleSummary[], choices: FrontPageChoices): HomeArrangement {
  const byId = new Map(chosen.map((s) => [s.id, s]));
  const top = choices.top.map((t) => byId.get(t.storyId)).filter((s): s is ArticleSummary => s !== undefined && s.id !== choices.lead?.storyId);
  const topIds = new Set(top.map((s) => s.id));
  const lead = (choices.lead && byId.get(choices.lead.storyId)) || newest.find((s) => !topIds.has(s.id)) || null;
  const rest = newest.filter((s) => s.id !== lead?.id && !topIds.has(s.id));
  return { lead, top, groups: orderGroups(groupBySection(rest), choices.sectionOrder) };
}

/** Stories grouped by section, groups ordered by their newest story (the input is newest first). */
export function groupBySection(stories: readonly ArticleSummary[]): StoryGroup[] {
  const groups = new Map<number | null, StoryGroup>();
  for (const s of stories) {
    const id = s.section?.id ?? null;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { section: s.section, stories: [] }));
    g.stories.push(s);
  }
  return [...groups.values()];
}

/** The editors' block order first; blocks they did not place keep their newest-first order after them. */
export function orderGroups(groups: StoryGroup[], order: readonly number[]): StoryGroup[] {
  const rank = (g: StoryGroup) => {
    const i = g.section ? order.indexOf(g.section.id) : -1;
    return i < 0 ? order.length : i;
  };
  // Array.prototype.sort is stable: equal ranks keep the newest-first order.
  return [...groups].sort((a, b) => rank(a) - rank(b));
}

/** The stories a choice set names for the front page, for one read of which of them are public. */
export function homeStoryIds(choices: FrontPageChoices): number[] {
  return [...new Set([...(choices.lead ? [choices.lead.storyId] : []), ...choices.top.map((t) => t.storyId)])];
}
