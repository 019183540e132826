import type { Q } from './articles.repo.ts';

/** What of a story decides which cached pages show it; read inside the write's transaction, before and after. */
export interface StoryFootprint {
  visible: boolean;
  /** Its section and every section above it: a section page lists its subsections' stories too. */
  sectionIds: number[];
  tagIds: number[];
  personIds: number[];
  /** Where it sits in lists and what its address is: a change to either reorders or re-links them. */
  publishedAt: string | null;
  slug: string;
}

export async function storyFootprint(db: Q, id: number, nowIso: string): Promise<StoryFootprint | null> {
  const row = await db.selectFrom('articles').select(['status', 'published_at', 'section_id', 'slug']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [tags, bylines, sections] = await Promise.all([
    db.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).execute(),
    db.selectFrom('article_bylines').select('person_id').where('article_id', '=', id).execute(),
    row.section_id === null ? Promise.resolve([]) : db.selectFrom('sections').select(['id', 'parent_id']).execute(),
  ]);
  const sectionIds: number[] = [];
  for (let cur = row.section_id, n = 0; cur !== null && n < 100; n++) {
    sectionIds.push(cur);
    cur = sections.find((s) => s.id === cur)?.parent_id ?? null;
  }
  return {
    visible: row.status === 'published' && row.published_at !== null && row.published_at <= nowIso,
    sectionIds,
    tagIds: tags.map((t) => t.tag_id).sort((a, b) => a - b),
    personIds: bylines.map((b) => b.person_id),
    publishedAt: row.published_at,
    slug: row.slug,
  };
}

/**
 * storyFootprint for many stories in four statements instead of four per
 * story (the importer's flip makes a hundred thousand stories public in
 * one transaction). Same answers, story by story.
 */
export async function storyFootprints(db: Q, ids: readonly number[], nowIso: string): Promise<Map<number, StoryFootprint>> {
  const out = new Map<number, StoryFootprint>();
  if (!ids.length) return out;
  const list = [...new Set(ids)];
  const [rows, tags, bylines, sections] = await Promise.all([
    db.selectFrom('articles').select(['id', 'status', 'published_at', 'section_id', 'slug']).where('id', 'in', list).execute(),
    db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', list).execute(),
    db.selectFrom('article_bylines').select(['article_id', 'person_id', 'position']).where('article_id', 'in', list).orderBy('article_id').orderBy('position').execute(),
    db.selectFrom('sections').select(['id', 'parent_id']).execute(),
  ]);
  const parentOf = new Map(sections.map((s) => [s.id, s.parent_id]));
  const group = <T extends { article_id: number }>(xs: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of xs) (m.get(x.article_id) ?? m.set(x.article_id, []).get(x.article_id)!).push(x);
    return m;
  };
  const tagsOf = group(tags);
  const bylinesOf = group(bylines);
  for (const row of rows) {
    const sectionIds: number[] = [];
    for (let cur = row.section_id, n = 0; cur !== null && n < 100; n++) {
      sectionIds.push(cur);
      cur = parentOf.get(cur) ?? null;
    }
    out.set(row.id, {
      visible: row.status === 'published' && row.published_at !== null && row.published_at <= nowIso,
      sectionIds,
      tagIds: (tagsOf.get(row.id) ?? []).map((t) => t.tag_id).sort((a, b) => a - b),
      personIds: (bylinesOf.get(row.id) ?? []).map((b) => b.person_id),
      publishedAt: row.published_at,
      slug: row.slug,
    });
  }
  return out;
}
