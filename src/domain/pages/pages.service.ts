import type { Db, Q } from '../../storage/index.ts';
import { isUniqueViolation } from '../../storage/index.ts';
import type { PageRow } from '../../storage/schema.ts';
import { docText, imageIdsOf, imagesByIds, parseDoc, type Doc, type ImageInfo } from '../articles/index.ts';
import { recordAudit } from '../audit/index.ts';
import { cacheTag, recordChange, type ChangeNotifier } from '../changes/index.ts';
import type { Clock } from '../shared/clock.ts';
import { redirectMovedPage } from '../redirects/index.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import { slugify, withSuffix } from '../shared/slug.ts';
import { pageSlugProblem, type PageInput, type PageStatus } from './pages.input.ts';
import {
  deletePageRow, findPageRow, findPublishedPageRow, insertPageRevision, insertPageRow, listPageRevisions, listPageRows, menuOrder, menuPageRows,
  renumberMenu, slugInUse, updatePageMenuNull, updatePageRow,
} from './pages.repo.ts';

export interface StaticPage {
  id: number;
  slug: string;
  title: string;
  body: Doc;
  status: PageStatus;
  /** Place in the footer menu; null when not in it. */
  menuPosition: number | null;
  version: number;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Images the body shows, by id. */
  bodyImages: Map<number, ImageInfo>;
}

export interface MenuEntry {
  id: number;
  slug: string;
  title: string;
}

export interface PageRevision {
  version: number;
  actor: string;
  createdAt: string;
  title: string;
  slug: string;
  status: PageStatus;
  body: Doc;
}

type Footprint = { visible: boolean; slug: string; title: string; inMenu: boolean };
const footprintOf = (r: PageRow): Footprint => ({ visible: r.status === 'published', slug: r.slug, title: r.title, inMenu: r.menu_position !== null });

/**
 * The tags a page write touches: its own page always; the footer menu and the
 * sitemap (on every page: `pages`) only when a public page appears, goes, or
 * changes its title, slug or place in the menu.
 */
export function pageChangeTags(id: number, before: Footprint | null, after: Footprint | null): string[] {
  const tags = [cacheTag.page(id)];
  const seen = [before, after].some((f) => f?.visible);
  const same = before && after && before.visible === after.visible && before.slug === after.slug && before.title === after.title && before.inMenu === after.inMenu;
  if (seen && !same) tags.push(cacheTag.pages, cacheTag.sitemaps);
  return tags;
}

/**
 * Static pages (About, Contact, Terms): the story document and editor, a
 * revision per save, a public address `/{slug}`, an editor-ordered footer
 * menu. Not stories: never in lists, feeds, search or comments.
 */
export class PagesService {
  constructor(private readonly deps: { db: Db; clock: Clock; changes: ChangeNotifier }) {}

  async list(): Promise<StaticPage[]> {
    return Promise.all((await listPageRows(this.deps.db.kysely)).map((r) => this.hydrate(r)));
  }

  async get(id: number): Promise<StaticPage> {
    const r = await findPageRow(this.deps.db.kysely, id);
    if (!r) throw notFound(`page ${id}`);
    return this.hydrate(r);
  }

  /** The public page at `/{slug}`, or null (a draft is nobody's business). */
  async publicBySlug(slug: string): Promise<StaticPage | null> {
    if (pageSlugProblem(slug)) return null;
    const r = await findPublishedPageRow(this.deps.db.kysely, slug);
    return r ? this.hydrate(r) : null;
  }

  async menu(): Promise<MenuEntry[]> {
    return (await menuPageRows(this.deps.db.kysely)).map((r) => ({ id: r.id, slug: r.slug, title: r.title }));
  }

  async create(input: PageInput, actor = 'system'): Promise<StaticPage> {
    if (!input.title) throw validationError([{ field: 'title', message: 'is required' }]);
    const body = input.body ?? { type: 'doc', content: [] };
    await this.checkImages(body);
    const at = this.deps.clock.now().toISOString();
    const status = input.status ?? 'draft';
    const id = await this.unique(() =>
      this.deps.db.kysely.transaction().execute(async (trx) => {
        const slug = input.slug ?? (await freeSlug(trx, slugify(input.title!)));
        const position = input.inMenu ? (await menuOrder(trx)).length : null;
        const row = { slug, title: input.title!, body: JSON.stringify(body), body_text: docText(body), status, menu_position: position, version: 1, published_at: status === 'published' ? at : null, created_at: at, updated_at: at };
        const pageId = await insertPageRow(trx, row);
        await this.recordWrite(trx, pageId, 'created', actor, at, null, { ...row, id: pageId });
        return pageId;
      }),
    );
    await this.deps.changes.committed();
    return this.get(id);
  }

  async update(id: number, input: PageInput, actor = 'system'): Promise<StaticPage> {
    if (input.body) await this.checkImages(input.body);
    const at = this.deps.clock.now().toISOString();
    await this.unique(() =>
      this.deps.db.kysely.transaction().execute(async (trx) => {
        const before = await findPageRow(trx, id);
        if (!before) throw notFound(`page ${id}`);
        if (input.version !== undefined && input.version !== before.version) throw versionConflict();
        const patch: Partial<PageRow> = { updated_at: at, version: before.version + 1 };
        if (input.title !== undefined) patch.title = input.title;
        if (input.slug !== undefined) patch.slug = input.slug;
        if (input.body) (patch.body = JSON.stringify(input.body)), (patch.body_text = docText(input.body));
        if (input.status !== undefined) patch.status = input.status;
        if (input.status === 'published' && !before.published_at) patch.published_at = at;
        if (!(await updatePageRow(trx, id, before.version, patch))) throw versionConflict();
        if (input.inMenu !== undefined && input.inMenu !== (before.menu_position !== null)) await this.placeInMenu(trx, id, input.inMenu);
        // An address readers may have seen (the page was public once) keeps working: 301 to the new one (docs/pages-and-redirects.md).
        if (patch.slug !== undefined && patch.slug !== before.slug && before.published_at) {
          await redirectMovedPage(trx, { from: before.slug, to: patch.slug, at, actor, rowLocks: this.deps.db.caps.rowLocks });
        }
        await this.recordWrite(trx, id, 'updated', actor, at, before, (await findPageRow(trx, id))!);
      }),
    );
    await this.deps.changes.committed();
    return this.get(id);
  }

  /** Back to an earlier revision's title, slug and text, as a new save (the history keeps both). */
  async restore(id: number, version: number, actor = 'system'): Promise<StaticPage> {
    const rev = (await this.revisions(id)).find((r) => r.version === version);
    if (!rev) throw notFound(`revision ${version} of page ${id}`);
    const current = await this.get(id);
    return this.update(id, { title: rev.title, slug: rev.slug, body: rev.body, version: current.version }, actor);
  }

  async remove(id: number, actor = 'system'): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      const before = await findPageRow(trx, id);
      if (!before) throw notFound(`page ${id}`);
      await deletePageRow(trx, id);
      await renumberMenu(trx, await menuOrder(trx));
      await recordAudit(trx, at, { actor, action: 'page.delete', targetType: 'page', targetId: id, detail: { slug: before.slug, title: before.title } });
      await recordChange(trx, at, { kind: 'page', id, action: 'deleted', tags: pageChangeTags(id, footprintOf(before), null) });
    });
    await this.deps.changes.committed();
  }

  /** One place up or down in the footer menu. */
  async move(id: number, direction: 'up' | 'down', actor = 'system'): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      const order = await menuOrder(trx);
      const i = order.indexOf(id);
      if (i < 0) throw new AppError('CONFLICT', 'the page is not in the footer menu', { field: 'inMenu' });
      const j = direction === 'up' ? i - 1 : i + 1;
      if (j < 0 || j >= order.length) return;
      [order[i], order[j]] = [order[j], order[i]];
      await renumberMenu(trx, order);
      await recordAudit(trx, at, { actor, action: 'page.move', targetType: 'page', targetId: id, detail: { direction } });
      await recordChange(trx, at, { kind: 'page', id, action: 'moved', tags: [cacheTag.pages] });
    });
    await this.deps.changes.committed();
  }

  async revisions(id: number): Promise<PageRevision[]> {
    await this.get(id);
    return (await listPageRevisions(this.deps.db.kysely, id)).map((r) => {
      const s = JSON.parse(r.snapshot) as Omit<PageRevision, 'version' | 'actor' | 'createdAt'>;
      return { version: r.version, actor: r.actor, createdAt: r.created_at, title: s.title, slug: s.slug, status: s.status, body: s.body };
    });
  }

  private async placeInMenu(trx: Q, id: number, inMenu: boolean): Promise<void> {
    const order = (await menuOrder(trx)).filter((x) => x !== id);
    if (inMenu) order.push(id);
    else await updatePageMenuNull(trx, id);
    await renumberMenu(trx, order);
  }

  private async recordWrite(trx: Q, id: number, action: string, actor: string, at: string, before: PageRow | null, after: PageRow): Promise<void> {
    const snapshot = { title: after.title, slug: after.slug, status: after.status, body: JSON.parse(after.body) };
    await insertPageRevision(trx, id, after.version, snapshot, actor, at);
    await recordAudit(trx, at, { actor, action: `page.${action === 'created' ? 'create' : 'update'}`, targetType: 'page', targetId: id, detail: { slug: after.slug } });
    await recordChange(trx, at, { kind: 'page', id, action, tags: pageChangeTags(id, before && footprintOf(before), footprintOf(after)) });
  }

  private async checkImages(body: Doc): Promise<void> {
    const ids = imageIdsOf(body);
    if (!ids.length) return;
    const found = await imagesByIds(this.deps.db.kysely, ids);
    const missing = ids.filter((x) => !found.has(x));
    if (missing.length) throw validationError([{ field: 'body', message: `no image ${missing[0]} in the media library` }]);
  }

  private async hydrate(r: PageRow): Promise<StaticPage> {
    const body = parseDoc(JSON.parse(r.body));
    return {
      id: r.id, slug: r.slug, title: r.title, body, status: r.status as PageStatus, menuPosition: r.menu_position, version: r.version,
      publishedAt: r.published_at ? new Date(r.published_at) : null, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
      bodyImages: await imagesByIds(this.deps.db.kysely, imageIdsOf(body)),
    };
  }

  private async unique<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('SLUG_TAKEN', 'a page with this address exists; choose another slug', { field: 'slug' });
      throw e;
    }
  }
}

const versionConflict = () => new AppError('VERSION_CONFLICT', 'Someone else saved this page meanwhile. Reload it to see their changes; yours are not saved.', { field: 'version' });

/** The title's slug, or with -2, -3… when taken; never a name the site uses itself. */
async function freeSlug(trx: Q, base: string): Promise<string> {
  for (let n = 1; n < 100; n++) {
    const candidate = withSuffix(base === 'story' ? 'page' : base, n);
    if (!pageSlugProblem(candidate) && !(await slugInUse(trx, candidate))) return candidate;
  }
  throw new AppError('SLUG_TAKEN', 'choose a slug: this title\'s are all taken', { field: 'slug' });
}
