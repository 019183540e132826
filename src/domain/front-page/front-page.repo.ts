import type { Q } from '../../storage/index.ts';
import type { FrontPagePickRow } from '../../storage/schema.ts';
import type { FrontPageChoices } from './front-page.types.ts';

type Slot = 'lead' | 'top' | 'block' | 'section-lead';
type NewPick = { slot: Slot; position: number; article_id: number | null; section_id: number | null; pinned_until: string | null };

export async function listPickRows(db: Q): Promise<FrontPagePickRow[]> {
  return db.selectFrom('front_page_picks').selectAll().orderBy('slot').orderBy('position').orderBy('id').execute();
}

/** Every choice is replaced at once: the form and the API both send the whole set of what they change. */
export async function replacePicks(trx: Q, slots: Slot[], picks: NewPick[], at: string): Promise<void> {
  if (slots.length) await trx.deleteFrom('front_page_picks').where('slot', 'in', slots).execute();
  if (picks.length) await trx.insertInto('front_page_picks').values(picks.map((p) => ({ ...p, created_at: at }))).execute();
}

/**
 * One section page's lead alone (the section's own screen): its row is
 * replaced and no other, so two editors setting two sections' leads at once
 * do not overwrite each other's choice.
 */
export async function replaceSectionLead(trx: Q, sectionId: number, lead: { storyId: number; pinnedUntil: Date | null } | null, at: string): Promise<void> {
  await trx.deleteFrom('front_page_picks').where('slot', '=', 'section-lead').where('section_id', '=', sectionId).execute();
  if (lead) {
    await trx
      .insertInto('front_page_picks')
      .values({ slot: 'section-lead', position: 0, article_id: lead.storyId, section_id: sectionId, pinned_until: lead.pinnedUntil?.toISOString() ?? null, created_at: at })
      .execute();
  }
}

export function choicesFromRows(rows: FrontPagePickRow[]): FrontPageChoices {
  const until = (r: FrontPagePickRow) => (r.pinned_until ? new Date(r.pinned_until) : null);
  const out: FrontPageChoices = { lead: null, top: [], sectionOrder: [], sectionOrderUntil: null, sectionLeads: [] };
  for (const r of rows) {
    if (r.slot === 'lead' && r.article_id !== null) out.lead = { storyId: r.article_id, pinnedUntil: until(r) };
    else if (r.slot === 'top' && r.article_id !== null) out.top.push({ storyId: r.article_id, pinnedUntil: until(r) });
    else if (r.slot === 'block' && r.section_id !== null) (out.sectionOrder.push(r.section_id), (out.sectionOrderUntil = until(r)));
    else if (r.slot === 'section-lead' && r.article_id !== null && r.section_id !== null) out.sectionLeads.push({ sectionId: r.section_id, storyId: r.article_id, pinnedUntil: until(r) });
  }
  return out;
}

export function rowsFromChoices(c: Partial<FrontPageChoices>): { slots: Slot[]; picks: NewPick[] } {
  const slots: Slot[] = [];
  const picks: NewPick[] = [];
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  if (c.lead !== undefined) {
    slots.push('lead');
    if (c.lead) picks.push({ slot: 'lead', position: 0, article_id: c.lead.storyId, section_id: null, pinned_until: iso(c.lead.pinnedUntil) });
  }
  if (c.top !== undefined) {
    slots.push('top');
    c.top.forEach((t, i) => picks.push({ slot: 'top', position: i, article_id: t.storyId, section_id: null, pinned_until: iso(t.pinnedUntil) }));
  }
  if (c.sectionOrder !== undefined) {
    slots.push('block');
    c.sectionOrder.forEach((id, i) => picks.push({ slot: 'block', position: i, article_id: null, section_id: id, pinned_until: iso(c.sectionOrderUntil ?? null) }));
  }
  if (c.sectionLeads !== undefined) {
    slots.push('section-lead');
    c.sectionLeads.forEach((l, i) => picks.push({ slot: 'section-lead', position: i, article_id: l.storyId, section_id: l.sectionId, pinned_until: iso(l.pinnedUntil) }));
  }
  return { slots, picks };
}
