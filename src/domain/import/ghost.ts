import fs from 'node:fs';
import type { ArticleStatus } from '../articles/index.ts';
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
import { ImportFormatError } from './xml-stream.ts';

const SOURCE = 'ghost';
const BATCH = 200;
const STATUS: Record<string, ArticleStatus> = { published: 'published', scheduled: 'scheduled', draft: 'draft', sent: 'published' };

type Row = Record<string, unknown>;
/** Ghost 2 wrote `2021-03-24 05:57:56` (UTC), later versions ISO 8601. */
const isoOr = (v: string, fallback: string) => {
  const d = new Date(/^\d{4}-\d\d-\d\d \d/.test(v) ? `${v.replace(' ', 'T')}Z` : v);
  return Number.isNaN(d.getTime()) ? fallback : d.toISOString();
};
const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
/** Ghost 2 wrote a missing picture as the string "None". */
const featureImage = (p: Row) => (str(p.feature_image) === 'None' ? '' : str(p.feature_image).trim());

/** The `data` of a Ghost export (2.x–5.x keep it in db[0].data; some tools write it bare). */
function exportData(file: string): Record<string, Row[]> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ImportFormatError(`not a JSON file: ${(e as Error).message}`);
  }
  const root = json as { db?: { data?: unknown }[]; data?: unknown };
  const data = (root.db?.[0]?.data ?? root.data) as Record<string, Row[]> | undefined;
  if (!data || !Array.isArray(data.posts)) throw new ImportFormatError('not a Ghost export: no db[0].data.posts');
  return data;
}

/**
 * Imports a Ghost JSON export: users → people, tags (internal #tags left
 * out), each post's primary tag → its section, posts, pages → static pages,
 * `/{slug}/` (Ghost's default permalink) → 301, featured posts → top stories
 * (sticky.ts). Same batches, source keys and final flip as the WordPress
 * importer, and the same progress: the JSON is read whole (Ghost exports
 * hold no comments and rarely pass tens of MB), then each batch's pictures
 * are brought in, its posts converted and written, and the share of posts
 * done reported.
 */
export async function importGhost(deps: ImportDeps, file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const started = Date.now();
  const bytesTotal = fs.statSync(file).size;
  const data = exportData(file);
  await deps.hash('email', '');
  const run = new GhostRun(deps, data, opts.media ?? {});
  await run.writeNames();
  const posts = data.posts;
  for (let i = 0; i < posts.length; i += BATCH) {
    opts.signal?.throwIfAborted();
    const batch = posts.slice(i, i + BATCH);
    // Before the batch's transaction: fetching and encoding pictures takes seconds (media.importer.ts).
    await run.media.prepare(batch.flatMap((p) => run.pictures(p)));
    const records: StoryRecord[] = [];
    for (const p of batch) {
      const rec = await run.recordOf(p);
      if (rec) records.push(rec);
    }
    await deps.db.kysely.transaction().execute(async (trx) => {
      for (const r of records) await writeStory(trx, run.ctx, r);
    });
    await deps.changes.committed();
    const done = i + batch.length;
    opts.onProgress?.({ counts: run.ctx.counts, bytesRead: Math.round((bytesTotal * done) / posts.length), bytesTotal, elapsedMs: Date.now() - started });
  }
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
  private readonly tags = new Map<string, { id: number; row: Row }>();
  private readonly sections = new Map<string, number>();
  private readonly meta: Map<string, Row>;
  private readonly postTags: Map<string, string[]>;
  private readonly postAuthors: Map<string, string[]>;

  constructor(
    private readonly deps: ImportDeps,
    private readonly data: Record<string, Row[]>,
    media: MediaOptions,
  ) {
    this.ctx = { source: SOURCE, nowIso: deps.clock.now().toISOString(), actor: 'import:ghost', deps, counts: emptyCounts() };
    this.media = new ImportMedia({ db: deps.db, library: deps.media, fetch: deps.fetch }, SOURCE, media, this.ctx.nowIso);
    // Ghost 5 keeps a featured image's alt text and caption in posts_meta.
    this.meta = new Map((data.posts_meta ?? []).map((m) => [str(m.post_id), m]));
    this.postTags = byPost(data.posts_tags, 'tag_id');
    this.postAuthors = byPost(data.posts_authors, 'author_id');
  }

  readonly note = (n: string, count = 1) => (this.notes[n] = (this.notes[n] ?? 0) + count);

  async writeNames(): Promise<void> {
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      for (const u of this.data.users ?? []) this.people.set(str(u.id), await writePerson(trx, this.ctx, { login: str(u.slug), email: str(u.email).toLowerCase(), name: str(u.name) }));
      for (const t of this.data.tags ?? []) {
        if (str(t.name).startsWith('#') || !str(t.slug)) continue;
        this.tags.set(str(t.id), { id: await writeTag(trx, this.ctx, { slug: str(t.slug), name: str(t.name), description: str(t.description) }), row: t });
      }
    });
    await this.deps.changes.committed();
  }

  private featuredRef(p: Row) {
    const m = this.meta.get(str(p.id));
    return { src: featureImage(p), className: '', alt: str(m?.feature_image_alt) || undefined, caption: htmlToText(str(m?.feature_image_caption)) };
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
    const tagIds = (this.postTags.get(str(p.id)) ?? []).map((id) => this.tags.get(id)).filter((t): t is { id: number; row: Row } => t !== undefined);
    const authors = this.postAuthors.get(str(p.id)) ?? [str(p.author_id)];
    return {
      sourceId: str(p.id),
      headline: str(p.title).trim(),
      slug: str(p.slug),
      dek: str(p.custom_excerpt) === 'None' ? '' : str(p.custom_excerpt).trim(),
      body: doc,
      ...(featuredImageId !== undefined ? { featuredImageId } : {}),
      status,
      publishedAt: status === 'draft' ? null : isoOr(str(p.published_at), this.ctx.nowIso),
      sectionId: tagIds[0] ? await this.sectionOf(tagIds[0].row) : null,
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
  private async sectionOf(primary: Row): Promise<number> {
    const slug = str(primary.slug);
    let id = this.sections.get(slug);
    if (id === undefined) {
      id = await this.deps.db.kysely.transaction().execute((trx) => writeSection(trx, this.ctx, { slug, name: str(primary.name), description: '', parentId: null }));
      this.sections.set(slug, id);
    }
    return id;
  }
}

const PAGES_SKIPPED = 'pages (over the limit, or no pages service)';

/** Rows of a join table (posts_tags, posts_authors) by post, in Ghost's sort order. */
function byPost(rows: Row[] | undefined, key: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of [...(rows ?? [])].sort((a, b) => Number(a.sort_order ?? 0) - Number(b.sort_order ?? 0))) m.set(str(r.post_id), [...(m.get(str(r.post_id)) ?? []), str(r[key])]);
  return m;
}
