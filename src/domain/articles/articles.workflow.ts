import { can, type Role } from '../access/index.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import { zonedParts } from '../shared/time.ts';
import type { ArticleInput } from './articles.input.ts';
import type { ArticlesService } from './articles.service.ts';
import type { Article, ArticleStatus } from './articles.types.ts';

/**
 * Who may move a story where, for signed-in staff and Admin API keys alike.
 * Enforced here so every entry point (admin pages, autosave, the Admin API,
 * later the CLI) gets the same answer; the HTTP layer only translates it.
 *
 * - contributor: their own stories while draft or in review; may send for
 *   review and take back to draft, never schedule, publish or unpublish.
 * - author: their own stories in any state, including publishing them.
 * - editor and admin (`articles:edit-any`): every story, every move.
 * A story is its starter's: the staff user (`createdBy`) or the API key
 * (`createdByKey`). Stories with neither (demo seed, API stories from before
 * keys owned theirs) belong to editors only.
 */
export interface StaffActor {
  id: number;
  role: Role;
}

/** An Admin API key acting on stories: the key's role, and the key as owner of the stories it starts. */
export interface KeyActor {
  keyId: number;
  role: Role;
}

export type StoryActor = StaffActor | KeyActor;

type StoryState = Pick<Article, 'status' | 'createdBy'> & Partial<Pick<Article, 'createdByKey'>>;

const CONTRIBUTOR_STATES: ReadonlySet<ArticleStatus> = new Set(['draft', 'review']);
export const LIVE_STATES: ReadonlySet<ArticleStatus> = new Set(['published', 'scheduled']);

const isKey = (actor: StoryActor): actor is KeyActor => 'keyId' in actor;

/** How the actor is named in revisions and the audit log. */
export function staffActor(actor: { id: number } | KeyActor): string {
  return 'keyId' in actor ? `apikey:${actor.keyId}` : `user:${actor.id}`;
}

function ownsStory(actor: StoryActor, story: StoryState): boolean {
  if (isKey(actor)) return story.createdByKey != null && story.createdByKey === actor.keyId;
  return story.createdBy !== null && story.createdBy === actor.id;
}

/**
 * May this actor open the story at all? Staff who may not get a 404, not a
 * hint that it exists. A key with `articles:read` reads every story: the
 * Admin API's listing has always shown them all, and a refused edit is then
 * a 403 that names the rule rather than a 404 for a story the key can GET.
 */
export function canViewStory(actor: StoryActor, story: StoryState): boolean {
  if (can(actor.role, 'articles:edit-any')) return true;
  if (!can(actor.role, 'articles:read')) return false;
  return isKey(actor) || ownsStory(actor, story);
}

export function canEditStory(actor: StoryActor, story: StoryState): boolean {
  if (can(actor.role, 'articles:edit-any')) return true;
  if (!can(actor.role, 'articles:write-draft') || !ownsStory(actor, story)) return false;
  return can(actor.role, 'articles:publish') || CONTRIBUTOR_STATES.has(story.status);
}

/** `from` is null for a new story. Staying in the same state is always allowed to whoever may edit. */
export function canMoveStory(staff: StoryActor, from: ArticleStatus | null, to: ArticleStatus): boolean {
  if (from === to) return true;
  if (can(staff.role, 'articles:publish')) return true;
  return can(staff.role, 'articles:write-draft') && CONTRIBUTOR_STATES.has(to) && (from === null || CONTRIBUTOR_STATES.has(from));
}

/** The moves the UI should offer for a story, in the order buttons appear. */
export function allowedMoves(staff: StoryActor, story: StoryState): ArticleStatus[] {
  if (!canEditStory(staff, story)) return [];
  const all: ArticleStatus[] = ['draft', 'review', 'scheduled', 'published', 'unpublished'];
  return all.filter((to) => to !== story.status && canMoveStory(staff, story.status, to) && !(to === 'unpublished' && story.status === 'draft'));
}

export interface WorkflowDeps {
  articles: ArticlesService;
  /**
   * Called before a save that takes a story live or schedules it, with the
   * story as it would be saved; throws to refuse (editorial checks that the
   * site says must block publishing).
   */
  beforePublish?: (story: { current: Article | null; input: ArticleInput }) => Promise<void>;
}

function forbidden(message: string): AppError {
  return new AppError('FORBIDDEN', message);
}

export class StoryWorkflow {
  constructor(private readonly deps: WorkflowDeps) {}

  async open(staff: StoryActor, id: number): Promise<Article> {
    const a = await this.deps.articles.get(id);
    if (!canViewStory(staff, a)) throw notFound(`article ${id}`);
    return a;
  }

  async create(staff: StoryActor, input: ArticleInput): Promise<Article> {
    if (!can(staff.role, 'articles:write-draft')) throw forbidden(`a ${staff.role} cannot write stories`);
    const to = input.status ?? 'draft';
    if (!canMoveStory(staff, null, to)) throw forbidden(`a ${staff.role} cannot create a ${to} story; save a draft and send it for review`);
    if (LIVE_STATES.has(to)) await this.deps.beforePublish?.({ current: null, input });
    const owner = isKey(staff) ? { createdBy: null, createdByKey: staff.keyId } : { createdBy: staff.id, createdByKey: null };
    return this.deps.articles.create({ ...input, ...owner }, staffActor(staff));
  }

  /**
   * A save from the editor. The permission is decided on the stored story,
   * and the write is pinned to that version (unless the writer sent an
   * older one, which then fails as a conflict), so a story published or
   * reassigned between the check and the write cannot be changed on a stale
   * decision.
   */
  async save(staff: StoryActor, id: number, input: ArticleInput): Promise<Article> {
    const current = await this.open(staff, id);
    if (!canEditStory(staff, current)) throw forbidden(`a ${staff.role} cannot edit a ${current.status} story${ownsStory(staff, current) ? '' : ' started by someone else'}`);
    const to = input.status ?? current.status;
    if (!canMoveStory(staff, current.status, to)) throw forbidden(`a ${staff.role} cannot move a story from ${current.status} to ${to}`);
    if (input.version !== undefined && input.version !== current.version) {
      throw new AppError('VERSION_CONFLICT', `this story was saved by someone else since you opened it (now version ${current.version}, yours ${input.version}); reload to see their changes before saving`, { field: 'version' });
    }
    const pinned = { ...input, version: current.version };
    delete pinned.createdBy;
    delete pinned.createdByKey;
    if (LIVE_STATES.has(to) && (!LIVE_STATES.has(current.status) || input.publishedAt !== undefined)) {
      await this.deps.beforePublish?.({ current, input: pinned });
    }
    return this.deps.articles.update(id, pinned, staffActor(staff));
  }

  async remove(staff: StoryActor, id: number): Promise<void> {
    await this.open(staff, id);
    if (!can(staff.role, 'articles:delete')) throw forbidden(`a ${staff.role} cannot delete stories`);
    await this.deps.articles.remove(id, staffActor(staff));
  }

  /** Corrections are dated notes on stories readers have seen: editors' work. */
  async correct(staff: StoryActor, id: number, text: string): Promise<Article> {
    const a = await this.open(staff, id);
    if (!can(staff.role, 'articles:edit-any')) throw forbidden('only editors append corrections');
    if (!a.firstPublishedAt) throw validationError([{ field: 'body', message: 'a correction is for a story that has been published; edit the draft instead' }]);
    return this.deps.articles.addCorrection(id, text, staffActor(staff));
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function offsetMinutes(at: number, timeZone: string): number {
  const p = zonedParts(new Date(at), timeZone);
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000) / 60_000;
}

/**
 * A wall-clock time in the edition's zone (`2026-03-21T00:30`, what a
 * datetime-local input sends) to the instant it names. The offset is looked
 * up at the candidate instants on both sides of a change, so half-hour
 * zones and retired DST rules come out right. A time skipped by a clock
 * change does not exist and is refused; a time that happens twice (clocks
 * going back) is the first of the two, the earlier publication.
 */
export function zonedLocalToUtc(local: string, timeZone: string, field = 'publishAt'): Date {
  const m = LOCAL.exec(local);
  const bad = (message: string) => validationError([{ field, message }]);
  if (!m) throw bad('must be a date and time like 2026-05-21T18:15');
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(guess);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) throw bad('is not a real date and time');
  const candidates = new Set<number>();
  for (const probe of [guess - 36 * 3600_000, guess, guess + 36 * 3600_000]) candidates.add(guess - offsetMinutes(probe, timeZone) * 60_000);
  const matches = [...candidates].filter((t) => utcToZonedLocal(new Date(t), timeZone) === local).sort((a, b) => a - b);
  if (!matches.length) throw bad(`${local.replace('T', ' ')} does not exist in ${timeZone} (the clocks skip it); pick a time after the change`);
  return new Date(matches[0]);
}

/** The instant as a datetime-local value in the zone: what the schedule field shows. */
export function utcToZonedLocal(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
