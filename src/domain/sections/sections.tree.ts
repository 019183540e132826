import type { Section } from './sections.service.ts';

export interface SectionTreeRow {
  section: Section;
  depth: number;
  /** First or last among its siblings (it cannot move further up or down). */
  first: boolean;
  last: boolean;
}

/**
 * Sections in the order readers see them: each followed by its children,
 * siblings by position then name (the order `list()` returns). Sections
 * whose parent is missing are not shown, as on the site.
 */
export function sectionTree(all: Section[]): SectionTreeRow[] {
  const out: SectionTreeRow[] = [];
  const seen = new Set<number>();
  const walk = (parentId: number | null, depth: number) => {
    const kids = all.filter((s) => s.parentId === parentId && !seen.has(s.id));
    kids.forEach((section, i) => {
      seen.add(section.id);
      out.push({ section, depth, first: i === 0, last: i === kids.length - 1 });
      walk(section.id, depth + 1);
    });
  };
  walk(null, 0);
  return out;
}

/** The section and every section below it. */
export function descendantsOf(all: Section[], id: number): Set<number> {
  const below = new Set<number>([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of all) {
      if (s.parentId !== null && below.has(s.parentId) && !below.has(s.id)) {
        below.add(s.id);
        grew = true;
      }
    }
  }
  return below;
}
