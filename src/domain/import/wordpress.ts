import fs from 'node:fs';
import type { ArticleStatus } from '../articles/index.ts';
import { htmlToDoc, htmlToText } from './html-to-doc.ts';
import { releaseImport } from './import.flip.ts';
import { emptyCounts, type CommentRecord, type ImportDeps, type ImportOptions, type ImportResult, type StoryRecord } from './import.types.ts';
import { imagesIn } from './media.files.ts';
import { ImportMedia } from './media.importer.ts';
import { writePerson, writeSection, writeTag } from './names.writer.ts';
import { MAX_IMPORTED_PAGES, writePages, type PageRecord } from './pages.writer.ts';
import { writeStories } from './story.batch.ts';
import { placeSticky } from './sticky.ts';
import type { WriteContext } from './story.writer.ts';
import { attachmentOf, authorOf, itemOf, termOf, type WxrAuthor, type WxrItem, type WxrTerm } from './wxr.records.ts';
import { ImportFormatError, streamXml, type XmlNode } from './xml-stream.ts';

const SOURCE = 'wordpress';
const BATCH = 200;
const WXR_PATH = ['rss', 'channel'];

/** WordPress status → ours; null: not imported (trash, auto-drafts, revisions' inherit). */
const STATUS: Record<string, ArticleStatus | null> = { publish: 'published', future: 'scheduled', draft: 'draft', pending: 'review', private: 'draft' };
const COMMENT_STATUS: Record<string, CommentRecord['status']> = { '1': 'approved', '0': 'pending', spam: 'spam' };

export type WordPressOptions = ImportOptions;

/**
 * Imports a WXR 1.0–1.2 file. The file is read twice: once to prove it is
 * well-formed XML without a DTD (a malformed or hostile file is refused
 * before one row is written), then to import, streaming, in batches of
 * BATCH items, one transaction each, ending with the flip that makes the
 * new stories public together (import.flip.ts).
 */
export async function importWordPress(deps: ImportDeps, file: string, opts: WordPressOptions = {}): Promise<ImportResult> {
  const started = Date.now();
  let sawWordPress = false;
  const run = new WxrRun(deps, fs.statSync(file).size, started, opts);
  const firstPass = (n: XmlNode) => {
    if (!n.name.startsWith('wp:') && n.name !== 'item') return;
    sawWordPress = true;
    run.noteAttachment(n);
  };
  await streamXml(file, WXR_PATH, firstPass, async () => undefined);
  if (!sawWordPress) throw new ImportFormatError('this is not a WordPress export: its <channel> has no WordPress elements');
  // The hash salt is read once, here: inside a batch's transaction a read on
  // another connection would wait for the batch (SQLite has one writer).
  await deps.hash('email', '');
  await streamXml(file, WXR_PATH, (n) => run.take(n), () => run.drain(), (bytes) => (run.bytesRead = bytes));
  await run.drain(true);
  await releaseImport(deps, SOURCE);
  // After the flip: only a story public by then can be a top story.
  await placeSticky(deps, SOURCE, run.sticky, run.ctx.actor, (n, count) => (run.notes[n] = count));
  await run.writePages();
  return { counts: run.ctx.counts, notes: run.notes, media: run.media.report, elapsedMs: Date.now() - started };
}

class WxrRun {
  readonly ctx: WriteContext;
  readonly notes: Record<string, number> = {};
  readonly media: ImportMedia;
  bytesRead = 0;
  /** Source ids of the posts marked sticky, for the front page once the run is public. */
  readonly sticky: string[] = [];
  private authors: WxrAuthor[] = [];
  private terms: WxrTerm[] = [];
  private items: WxrItem[] = [];
  private baseUrl = '';
  private people = new Map<string, number>();
  private sections = new Map<string, number>();
  private tags = new Map<string, number>();
  private pages: PageRecord[] = [];

  constructor(
    private readonly deps: ImportDeps,
    private readonly bytesTotal: number,
    private readonly started: number,
    private readonly opts: WordPressOptions,
  ) {
    this.ctx = { source: SOURCE, nowIso: deps.clock.now().toISOString(), actor: 'import:wordpress', deps, counts: emptyCounts() };
    this.media = new ImportMedia({ db: deps.db, library: deps.media, fetch: deps.fetch }, SOURCE, opts.media ?? {}, this.ctx.nowIso, () => this.baseUrl);
  }

  /** First pass: attachments are indexed, since a post may name one that comes later in the file. */
  noteAttachment(n: XmlNode): void {
    const a = attachmentOf(n);
    if (a) this.media.addAttachment(a.id, { url: a.url, alt: a.alt, caption: htmlToText(a.caption).replace(/\s+/g, ' ').trim() }, a.parent, a.order);
  }

  /** The pictures of a batch's posts and pages: their featured image and the images in their HTML. */
  private pictures(batch: WxrItem[]) {
    return batch.flatMap((item) => {
      if (item.type !== 'post' && item.type !== 'page') return [];
      const featured = item.thumbnailId ? this.media.attachmentRef(item.thumbnailId) : undefined;
      return [...(featured ? [featured] : []), ...imagesIn(item.html, this.media.shortcodesFor(item.id))];
    });
  }

  take(n: XmlNode): void {
    if (n.name === 'wp:author') this.authors.push(authorOf(n));
    else if (n.name === 'wp:category' || n.name === 'wp:tag') this.terms.push(termOf(n));
    else if (n.name === 'wp:base_site_url' || (n.name === 'link' && !this.baseUrl)) this.baseUrl = n.text.trim();
    else if (n.name === 'item') this.items.push(itemOf(n));
  }

  private skip(why: string): void {
    this.ctx.counts.skipped[why] = (this.ctx.counts.skipped[why] ?? 0) + 1;
  }

  /** Called between chunks of the file: writes what is buffered once a batch is full (or at the end). */
  async drain(final = false): Promise<void> {
    if (this.authors.length || this.terms.length) await this.writeNames();
    while (this.items.length >= BATCH || (final && this.items.length)) {
      this.opts.signal?.throwIfAborted();
      const batch = this.items.splice(0, BATCH);
      // Before the batch's transaction: fetching and encoding pictures takes seconds (media.importer.ts).
      await this.media.prepare(this.pictures(batch));
      await this.deps.db.kysely.transaction().execute(async (trx) => {
        const recs: StoryRecord[] = [];
        for (const item of batch) {
          const rec = await this.storyOf(trx, item);
          if (rec) recs.push(rec);
        }
        await writeStories(trx, this.ctx, recs);
      });
      await this.deps.changes.committed();
      this.opts.onProgress?.({ counts: this.ctx.counts, bytesRead: this.bytesRead, bytesTotal: this.bytesTotal, elapsedMs: Date.now() - this.started });
    }
  }

  private async writeNames(): Promise<void> {
    const authors = this.authors.splice(0);
    const terms = this.terms.splice(0);
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      for (const a of authors) this.people.set(a.login, await writePerson(trx, this.ctx, { login: a.login, email: a.email, name: a.displayName }));
      for (const t of terms.filter((x) => x.kind === 'tag' && x.slug)) this.tags.set(t.slug, await writeTag(trx, this.ctx, t));
      // Parents first: WordPress lists categories in any order.
      const cats = terms.filter((x) => x.kind === 'category' && x.slug && x.slug !== 'uncategorized');
      for (let pass = 0; cats.length && pass < 50; pass++) {
        for (const c of [...cats]) {
          if (c.parentSlug && !this.sections.has(c.parentSlug) && cats.some((o) => o.slug === c.parentSlug)) continue;
          this.sections.set(c.slug, await writeSection(trx, this.ctx, { ...c, parentId: this.sections.get(c.parentSlug) ?? null }));
          cats.splice(cats.indexOf(c), 1);
        }
      }
    });
    await this.deps.changes.committed();
  }

  private async storyOf(trx: Parameters<typeof writeTag>[0], item: WxrItem): Promise<StoryRecord | null> {
    if (item.type === 'page') return this.keepPage(item), null;
    if (item.type !== 'post') return this.skip(`${item.type} items`), null;
    const status = STATUS[item.status];
    if (!status) return this.skip(`posts with status ${item.status}`), null;
    if (item.sticky) this.sticky.push(item.id);
    const { doc, notes } = htmlToDoc(item.html, { image: this.media.resolver(), shortcodes: this.media.shortcodesFor(item.id) });
    for (const n of notes) this.notes[n] = (this.notes[n] ?? 0) + 1;
    const featuredRef = item.thumbnailId ? this.media.attachmentRef(item.thumbnailId) : undefined;
    const featuredImageId = featuredRef && this.media.imageFor(featuredRef);
    if (item.thumbnailId && featuredImageId === undefined) this.notes['featured image not imported'] = (this.notes['featured image not imported'] ?? 0) + 1;
    const tagIds: number[] = [];
    for (const t of item.tags) tagIds.push(this.tags.get(t.slug) ?? (await this.termFromItem(trx, t)));
    const cat = item.categories.find((c) => c.slug !== 'uncategorized');
    const personId = item.creator ? this.people.get(item.creator) : undefined;
    return {
      sourceId: item.id,
      headline: item.title.replace(/\s+/g, ' ').trim(),
      slug: item.slug,
      dek: htmlToText(item.excerpt).replace(/\s+/g, ' ').trim(),
      body: doc,
      ...(featuredImageId !== undefined ? { featuredImageId } : {}),
      status,
      publishedAt: status === 'draft' || status === 'review' ? null : (item.date ?? new Date(this.ctx.nowIso)).toISOString(),
      sectionId: cat ? (this.sections.get(cat.slug) ?? (await writeSection(trx, this.ctx, { slug: cat.slug, name: cat.name, description: '', parentId: null }))) : null,
      tagIds: [...new Set(tagIds)],
      personIds: personId === undefined ? [] : [personId],
      oldPaths: this.oldPaths(item),
      comments: item.comments.flatMap((c) => {
        const s = COMMENT_STATUS[c.approved];
        if (!s || (c.type && c.type !== 'comment')) return [];
        return [{ sourceId: c.id, parentSourceId: c.parentId, author: c.author, email: c.email, url: /^https?:\/\//i.test(c.url) ? c.url : '', body: htmlToText(c.content), status: s, createdAt: c.date.toISOString() }];
      }),
    };
  }

  /** Published pages go public, every other kept status stays a draft; trash and auto-drafts are skipped. */
  private keepPage(item: WxrItem): void {
    const status = STATUS[item.status];
    if (!status) return this.skip(`pages with status ${item.status}`);
    if (!this.deps.pages || this.pages.length >= MAX_IMPORTED_PAGES) return this.skip('pages (over the limit, or no pages service)');
    const { doc, notes } = htmlToDoc(item.html, { image: this.media.resolver(), shortcodes: this.media.shortcodesFor(item.id) });
    for (const n of notes) this.notes[n] = (this.notes[n] ?? 0) + 1;
    this.pages.push({ sourceId: item.id, title: item.title, slug: item.slug, body: doc, status: status === 'published' ? 'published' : 'draft' });
  }

  /** After the stories' flip (pages.writer.ts). */
  async writePages(): Promise<void> {
    if (this.deps.pages) await writePages({ pages: this.deps.pages, db: this.deps.db.kysely, now: () => this.deps.clock.now() }, SOURCE, this.pages, this.ctx.counts);
  }

  /** A tag or category that an item names but the channel did not list (older exports). */
  private async termFromItem(trx: Parameters<typeof writeTag>[0], t: { slug: string; name: string }): Promise<number> {
    const id = await writeTag(trx, this.ctx, { ...t, description: '' });
    this.tags.set(t.slug, id);
    return id;
  }

  /** The post's permalink on the old site, and `/?p=ID`, as site-relative paths. */
  private oldPaths(item: WxrItem): string[] {
    const paths = new Set([`/?p=${item.id}`]);
    try {
      const base = new URL(this.baseUrl || 'http://old.invalid/');
      const u = new URL(item.link, base);
      // A blog under /blog/ on the old host answers at our root.
      const prefix = base.pathname.replace(/\/+$/, '');
      const path = prefix && u.pathname.startsWith(`${prefix}/`) ? u.pathname.slice(prefix.length) : u.pathname;
      const p = path + u.search;
      if (p !== '/' && p.length <= 500) paths.add(p);
    } catch {
      // A link that is not a URL has no old address to keep.
    }
    return [...paths];
  }
}
