import fs from 'node:fs';
import type { ArticleStatus } from '../articles/index.ts';
import { readGhostTables, str, streamGhostPosts, type GhostTables, type Row } from './ghost.reader.ts';
import { ghostBody } from './ghost.records.ts';
import { htmlToDoc, htmlToText } from './html-to-doc.ts';
import { releaseImport } from './import.flip.ts';
import { MAX_IMPORTED_PAGES, writePages, type PageRecord } from './pages.writer.ts';
import { emptyCounts, type ImportDeps, type ImportOptions, type ImportResult, type StoryRecord } from './import.types.ts';
import { imagesIn } from './media.files.ts';
import { ImportMedia, type MediaOptions } from './media.importer.ts';
import { writePerson, writeSection, writeTag } from './names.writer.ts';
import { placeSticky } from './sticky.ts';
import { writeStory, type WriteContext } from './story.writer.ts';

const SOURCE = 'ghost';
const BATCH = 200;
type GhostTag = GhostTables['tags'][number];
const STATUS: Record<string, ArticleStatus> = { published: 'published', scheduled: 'scheduled', draft: 'draft', sent: 'published' };

/** Ghost 2 wrote `2021-03-24 05:57:56` (UTC), later versions ISO 8601. */
const isoOr = (v: string, fallback: string) => {
  const d = new Date(/^\d{4}-\d\d-\d\d \d/.test(v) ? `${v.replace(' ', 'T')}Z` : v);
  return Number.isNaN(d.getTime()) ? fallback : d.toISOString();
};
/** Ghost 2 wrote a missing picture as the string "None". */
const featureImage = (p: Row) => (str(p.feature_image) === 'None' ? '' : str(p.feature_image).trim());

/**
 * Imports a Ghost JSON export: users → people, tags (internal #tags left
 * out), each post's primary tag → its section, posts, pages → static pages,
 * `/{slug}/` (Ghost's default permalink) → 301, featured posts → top stories
 * (sticky.ts). Same batches, source keys and final flip as the WordPress
 * importer. The file is streamed twice (ghost.reader.ts): first for the
 * users, tags and relations (and to refuse a malformed file before anything
 * is written), then for the posts, BATCH at a time: each batch's pictures
 * brought in, its posts converted and written, and the bytes read so far
 * reported. Memory holds a batch of posts, never the file.
 */
export async function importGhost(deps: ImportDeps, file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const started = Date.now();
  const bytesTotal = fs.statSync(file).size;
  const tables = await readGhostTables(file);
  await deps.hash('email', '');
  const run = new GhostRun(deps, tables, opts.media ?? {});
  await run.writeNames();
  /** Posts read but not written yet, each with the byte offset where it ends in the file. */
  let pending: { row: Row; end: number }[] = [];
  const drain = async (final = false) => {
    while (pending.length >= BATCH || (final && pending.length)) {
      opts.signal?.throwIfAborted();
      const batch = pending.slice(0, BATCH);
      pending = pending.slice(BATCH);
      await run.write(batch.map((p) => p.row));
      // The last batch is written once the whole file has been read.
      const bytesRead = final && !pending.length ? bytesTotal : batch[batch.length - 1].end;
      opts.onProgress?.({ counts: run.ctx.counts, bytesRead, bytesTotal, elapsedMs: Date.now() - started });
    }
  };
  await streamGhostPosts(file, (row, end) => pending.push({ row, end }), () => drain());
  await drain(true);
  await releaseImport(deps, SOURCE);
  await placeSticky(deps, SOURCE, run.featured, run.ctx.actor, run.note);
  if (deps.pages) await writePages({ pages: deps.pages, db: deps.db.kysely, now: () => deps.clock.now() }, SOURCE, run.pages, run.ctx.counts);
  return { counts: run.ctx.counts, notes: run.notes, media: run.media.report, elapsedMs: Date.now() - started };
}

/** One Ghost run's state: the names written first, then each post as a story record or a page. */
class GhostRun {
  readonly ctx: WriteContext;
  readonly notes: Record<string, number> = {};
  readonly media: ImportMedia;
  readonly pages: PageRecord[] = [];
  /** Source ids of featured posts, for the front page once the run is public. */
  readonly featured: string[] = [];
  private readonly people = new Map<string, number>();
  private readonly tags = new Map<string, { id: number; tag: GhostTag }>();
  private readonly sections = new Map<string, number>();

  constructor(
    private readonly deps: ImportDeps,
    private readonly t: GhostTables,
    media: MediaOptions,
  ) {
    this.ctx = { source: SOURCE, nowIso: deps.clock.now().toISOString(), actor: 'import:ghost', deps, counts: emptyCounts() };
    this.media = new ImportMedia({ db: deps.db, library: deps.media, fetch: deps.fetch }, SOURCE, media, this.ctx.nowIso);
  }

  readonly note = (n: string, count = 1) => (this.notes[n] = (this.notes[n] ?? 0) + count);

  async writeNames(): Promise<void> {
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      for (const u of this.t.users) this.people.set(u.id, await writePerson(trx, this.ctx, { login: u.slug, email: u.email.toLowerCase(), name: u.name }));
      for (const t of this.t.tags) {
        if (t.name.startsWith('#') || !t.slug) continue;
        this.tags.set(t.id, { id: await writeTag(trx, this.ctx, { slug: t.slug, name: t.name, description: t.description }), tag: t });
      }
    });
    await this.deps.changes.committed();
  }

  private featuredRef(p: Row) {
    const m = this.t.meta.get(str(p.id));
    return { src: featureImage(p), className: '', alt: m?.alt || undefined, caption: htmlToText(m?.caption ?? '') };
  }

  /** One batch: its pictures brought in, then its posts converted and written in one transaction. */
  async write(batch: Row[]): Promise<void> {
    // Before the batch's transaction: fetching and encoding pictures takes seconds (media.importer.ts).
    await this.media.prepare(batch.flatMap((p) => this.pictures(p)));
    const records: StoryRecord[] = [];
    for (const p of batch) {
      const rec = await this.recordOf(p);
      if (rec) records.push(rec);
    }
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      for (const r of records) await writeStory(trx, this.ctx, r);
    });
    await this.deps.changes.committed();
  }

  /** A post's pictures: its featured image and the images in its body. */
  pictures(p: Row) {
    return [...(featureImage(p) ? [this.featuredRef(p)] : []), ...imagesIn(ghostBody(p))];
  }

  /** A story record, or null for a page (kept for after the flip) or one skipped. */
  async recordOf(p: Row): Promise<StoryRecord | null> {
    if (str(p.type) === 'page' || str(p.page) === '1' || p.page === true) {
      if (!this.deps.pages || this.pages.length >= MAX_IMPORTED_PAGES) this.ctx.counts.skipped[PAGES_SKIPPED] = (this.ctx.counts.skipped[PAGES_SKIPPED] ?? 0) + 1;
      else this.pages.push({ sourceId: str(p.id), title: str(p.title), slug: str(p.slug), body: this.bodyOf(p), status: str(p.status) === 'published' ? 'published' : 'draft' });
      return null;
    }
    const doc = this.bodyOf(p);
    const status = STATUS[str(p.status)] ?? 'draft';
    const featuredImageId = featureImage(p) ? this.media.imageFor({ src: featureImage(p), className: '' }) : undefined;
    if (featureImage(p) && featuredImageId === undefined) this.note('featured image not imported');
    // Ghost 2 wrote 0/1, later versions true/false.
    if (p.featured === true || str(p.featured) === '1') this.featured.push(str(p.id));
    const tagIds = (this.t.postTags.get(str(p.id)) ?? []).map((id) => this.tags.get(id)).filter((t) => t !== undefined);
    const authors = this.t.postAuthors.get(str(p.id)) ?? [str(p.author_id)];
    return {
      sourceId: str(p.id),
      headline: str(p.title).trim(),
      slug: str(p.slug),
      dek: str(p.custom_excerpt) === 'None' ? '' : str(p.custom_excerpt).trim(),
      body: doc,
      ...(featuredImageId !== undefined ? { featuredImageId } : {}),
      status,
      publishedAt: status === 'draft' ? null : isoOr(str(p.published_at), this.ctx.nowIso),
      sectionId: tagIds[0] ? await this.sectionOf(tagIds[0].tag) : null,
      tagIds: tagIds.map((t) => t.id),
      personIds: [...new Set(authors.map((a) => this.people.get(a)).filter((x): x is number => x !== undefined))],
      oldPaths: str(p.slug) ? [`/${str(p.slug)}/`] : [],
      comments: [],
    };
  }

  private bodyOf(p: Row) {
    const { doc, notes } = htmlToDoc(ghostBody(p), { image: this.media.resolver() });
    notes.forEach((n) => this.note(n));
    return doc;
  }

  /** The primary tag's section, made (in its own transaction, before the batch's) the first time a post names it. */
  private async sectionOf(primary: GhostTag): Promise<number> {
    const slug = primary.slug;
    let id = this.sections.get(slug);
    if (id === undefined) {
      id = await this.deps.db.kysely.transaction().execute((trx) => writeSection(trx, this.ctx, { slug, name: primary.name, description: '', parentId: null }));
      this.sections.set(slug, id);
    }
    return id;
  }
}

const PAGES_SKIPPED = 'pages (over the limit, or no pages service)';
