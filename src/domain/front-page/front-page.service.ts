import type { Db, Q } from '../../storage/index.ts';
import type { ArticleQueries, ArticlesService } from '../articles/index.ts';
import { recordAudit } from '../audit/index.ts';
import { cacheTag, recordChange, type ChangeNotifier } from '../changes/index.ts';
import type { JobKind, JobQueue } from '../jobs/index.ts';
import { descendantsOf, type SectionsService } from '../sections/index.ts';
import type { Clock } from '../shared/clock.ts';
import { notFound, validationError, type FieldProblem } from '../shared/errors.ts';
import { choicesFromRows, listPickRows, replacePicks, replaceSectionLead, rowsFromChoices } from './front-page.repo.ts';
import { parseChoicesInput } from './front-page.input.ts';
import { FRONT_PAGE_PIN_JOB, MAX_TOP_STORIES, type FrontPageChoices, type StoryChoice } from './front-page.types.ts';

export interface FrontPageDeps {
  db: Db;
  clock: Clock;
  changes: ChangeNotifier;
  jobs: JobQueue;
  queries: Pick<ArticleQueries, 'findPublic'>;
  /** Only to tell a story that does not exist from one that is not public, in the message. */
  articles: Pick<ArticlesService, 'get'>;
  sections: Pick<SectionsService, 'list'>;
}

const live = (c: { pinnedUntil: Date | null }, now: number) => c.pinnedUntil === null || c.pinnedUntil.getTime() > now;

/**
 * The editors' choices for the front page and the section pages (docs/front-page.md).
 * A change is audited and announced in its own transaction; a pinned choice
 * also leaves a job due when its pin ends, which announces that end, so
 * every cache (this process, other instances, Varnish or a CDN purged by tag)
 * drops the page then and not at its next unrelated change.
 */
export class FrontPageService {
  constructor(private readonly deps: FrontPageDeps) {}

  /** Everything stored, expired pins included (what the newsroom screen and the API show). */
  async choices(): Promise<FrontPageChoices> {
    return choicesFromRows(await listPickRows(this.deps.db.kysely));
  }

  /** The choices still in force now; whether each story is public is for the page to check as it draws. */
  async current(): Promise<FrontPageChoices> {
    const c = await this.choices();
    const now = this.deps.clock.now().getTime();
    const orderLive = c.sectionOrderUntil === null || c.sectionOrderUntil.getTime() > now;
    return {
      lead: c.lead && live(c.lead, now) ? c.lead : null,
      top: c.top.filter((t) => live(t, now)),
      sectionOrder: orderLive ? c.sectionOrder : [],
      sectionOrderUntil: orderLive ? c.sectionOrderUntil : null,
      sectionLeads: c.sectionLeads.filter((l) => live(l, now)),
    };
  }

  /** `raw` as the Admin API takes it (parseChoicesInput); keys left out keep their choices. */
  async update(raw: unknown, actor = 'system'): Promise<FrontPageChoices> {
    const input = parseChoicesInput(raw);
    const before = await this.choices();
    await this.check(input);
    const after: FrontPageChoices = { ...before, ...input };
    const at = this.deps.clock.now().toISOString();
    const { slots, picks } = rowsFromChoices(input);
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      await replacePicks(trx, slots, picks, at);
      await recordAudit(trx, at, { actor, action: 'front-page.update', targetType: 'front-page', targetId: 'home', detail: { changed: Object.keys(input) } });
      await recordChange(trx, at, { kind: 'front-page', id: 'home', action: 'updated', tags: changeTags(input, before) });
      for (const [iso, tags] of pinEnds(after, Date.parse(at))) {
        await this.deps.jobs.enqueue(trx, FRONT_PAGE_PIN_JOB, { tags }, { runAt: new Date(iso), key: `${FRONT_PAGE_PIN_JOB}:${iso}` });
      }
    });
    await this.deps.changes.committed();
    return this.choices();
  }

  /**
   * One section page's own lead, from the section's screen: `raw` is
   * `{"story": id, "pinnedUntil": time or null}` as in the Admin API's
   * `sectionLeads`, or null to go back to the section's newest story. The
   * same rows, check, audit, purge (that section's page) and pin-end job as
   * `update`, touching no other choice.
   */
  async setSectionLead(sectionId: number, raw: unknown, actor = 'system'): Promise<FrontPageChoices> {
    if (!(await this.deps.sections.list()).some((s) => s.id === sectionId)) throw notFound(`section ${sectionId}`);
    const given = raw === null ? [] : [{ ...(typeof raw === 'object' ? raw : { story: raw }), section: sectionId }];
    const lead = parseChoicesInput({ sectionLeads: given }).sectionLeads?.[0] ?? null;
    await this.check({ sectionLeads: lead ? [lead] : [] });
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      await replaceSectionLead(trx, sectionId, lead, at);
      await recordAudit(trx, at, { actor, action: 'front-page.update', targetType: 'front-page', targetId: 'home', detail: { changed: ['sectionLeads'], section: sectionId } });
      await recordChange(trx, at, { kind: 'front-page', id: 'home', action: 'updated', tags: [cacheTag.sectionList(sectionId)] });
      const pins = lead ? pinEnds({ lead: null, top: [], sectionOrder: [], sectionOrderUntil: null, sectionLeads: [lead] }, Date.parse(at)) : new Map<string, string[]>();
      for (const [iso, tags] of pins) {
        await this.deps.jobs.enqueue(trx, FRONT_PAGE_PIN_JOB, { tags }, { runAt: new Date(iso), key: `${FRONT_PAGE_PIN_JOB}:${iso}:section:${sectionId}` });
      }
    });
    await this.deps.changes.committed();
    return this.choices();
  }

  /**
   * Top stories an import proposes (WordPress sticky posts, Ghost featured
   * posts), newest first, placed only while the front page holds no choice at
   * all: an import must not override a newsroom's page, and a re-run, finding
   * the choices its first run made, leaves them as they are. The same check,
   * audit and purge as `update`; the emptiness is read in the writing
   * transaction. Returns whether they were placed.
   */
  async placeIfUnarranged(storyIds: number[], actor: string): Promise<boolean> {
    const top = storyIds.slice(0, MAX_TOP_STORIES).map((storyId) => ({ storyId, pinnedUntil: null }));
    if (!top.length) return false;
    await this.check({ top });
    const at = this.deps.clock.now().toISOString();
    const { slots, picks } = rowsFromChoices({ top });
    const placed = await this.deps.db.kysely.transaction().execute(async (trx) => {
      if ((await listPickRows(trx)).length) return false;
      await replacePicks(trx, slots, picks, at);
      await recordAudit(trx, at, { actor, action: 'front-page.update', targetType: 'front-page', targetId: 'home', detail: { changed: ['top'] } });
      await recordChange(trx, at, { kind: 'front-page', id: 'home', action: 'updated', tags: [cacheTag.home] });
      return true;
    });
    if (placed) await this.deps.changes.committed();
    return placed;
  }

  /** The job at a pin's end: the pages it held are announced as changed, and redrawn without it. */
  readonly pinJob: JobKind<{ tags?: unknown }> = {
    backoffMs: 5_000,
    maxBackoffMs: 300_000,
    handle: async (payload, ctx) => {
      const tags = Array.isArray(payload?.tags) ? payload.tags.filter((t): t is string => t === cacheTag.home || /^list:section:\d+$/.test(String(t))) : [];
      await this.pinEnded(tags, (trx) => ctx.finish(trx));
    },
  };

  async pinEnded(tags: string[], finish?: (trx: Q) => Promise<void>): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      await recordChange(trx, at, { kind: 'front-page', id: 'home', action: 'pin-ended', tags });
      await finish?.(trx);
    });
    await this.deps.changes.committed();
  }

  /** Every story public now, each placed once, sections real, pins in the future: else 422 and nothing written. */
  private async check(input: Partial<FrontPageChoices>): Promise<void> {
    const problems: FieldProblem[] = [];
    const now = this.deps.clock.now().getTime();
    const future = (d: Date | null, field: string) => d && d.getTime() <= now && problems.push({ field, message: 'is already past: a pin must end in the future' });
    const sections = await this.deps.sections.list();
    const homeStories = new Map<number, string>();
    const storyAt = async (c: StoryChoice, field: string) => {
      future(c.pinnedUntil, `${field}.pinnedUntil`);
      const found = await this.deps.queries.findPublic(c.storyId);
      if (found.state === 'visible') return found.article;
      const exists = await this.deps.articles.get(c.storyId).then(() => true, () => false);
      if (!exists) problems.push({ field: `${field}.story`, message: `there is no story ${c.storyId}` });
      else problems.push({ field: `${field}.story`, message: `story ${c.storyId} is not published (drafts, scheduled and unpublished stories cannot be chosen)` });
      return null;
    };
    const home = [...(input.lead ? [['lead', input.lead] as const] : []), ...(input.top ?? []).map((t, i) => [`top[${i}]`, t] as const)];
    for (const [field, c] of home) {
      const seen = homeStories.get(c.storyId);
      if (seen) problems.push({ field: `${field}.story`, message: `story ${c.storyId} is already chosen as ${seen}` });
      homeStories.set(c.storyId, field);
      await storyAt(c, field);
    }
    future(input.sectionOrderUntil ?? null, 'sectionOrder.pinnedUntil');
    (input.sectionOrder ?? []).forEach((id, i) => {
      if (!sections.some((s) => s.id === id)) problems.push({ field: `sectionOrder.sections[${i}]`, message: `there is no section ${id}` });
      else if (input.sectionOrder!.indexOf(id) !== i) problems.push({ field: `sectionOrder.sections[${i}]`, message: `section ${id} is listed twice` });
    });
    for (const [i, l] of (input.sectionLeads ?? []).entries()) {
      const field = `sectionLeads[${i}]`;
      if (!sections.some((s) => s.id === l.sectionId)) problems.push({ field: `${field}.section`, message: `there is no section ${l.sectionId}` });
      else if (input.sectionLeads!.findIndex((x) => x.sectionId === l.sectionId) !== i) problems.push({ field: `${field}.section`, message: `section ${l.sectionId} has two leads` });
      const article = await storyAt(l, field);
      // A section page lists its own stories and its subsections': its lead is one of them.
      if (article && !(article.section && descendantsOf(sections, l.sectionId).has(article.section.id))) {
        problems.push({ field: `${field}.story`, message: `story ${l.storyId} is not filed in that section or below it` });
      }
    }
    if (problems.length) throw validationError(problems);
  }
}

/** The front page when its own choices change; each section page whose lead was or is now chosen when those change. */
function changeTags(input: Partial<FrontPageChoices>, before: FrontPageChoices): string[] {
  const tags: string[] = [];
  if (input.lead !== undefined || input.top !== undefined || input.sectionOrder !== undefined) tags.push(cacheTag.home);
  if (input.sectionLeads) for (const l of [...before.sectionLeads, ...input.sectionLeads]) tags.push(cacheTag.sectionList(l.sectionId));
  return tags;
}

/** Each future pin end, with the pages that choice holds: one job per instant (keyed by it), whatever is saved again. */
function pinEnds(c: FrontPageChoices, now: number): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (d: Date | null, tag: string) => {
    if (!d || d.getTime() <= now) return;
    const iso = d.toISOString();
    if (!out.has(iso)) out.set(iso, new Set());
    out.get(iso)!.add(tag);
  };
  if (c.lead) add(c.lead.pinnedUntil, cacheTag.home);
  for (const t of c.top) add(t.pinnedUntil, cacheTag.home);
  if (c.sectionOrder.length) add(c.sectionOrderUntil, cacheTag.home);
  for (const l of c.sectionLeads) add(l.pinnedUntil, cacheTag.sectionList(l.sectionId));
  return new Map([...out].map(([iso, tags]) => [iso, [...tags].sort()]));
}
