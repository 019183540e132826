import fs from 'node:fs';
import type { ArticleStatus } from '../articles/index.ts';
import { ghostBody } from './ghost.records.ts';
import { htmlToDoc, htmlToText } from './html-to-doc.ts';
import { releaseImport } from './import.flip.ts';
import { MAX_IMPORTED_PAGES, writePages, type PageRecord } from './pages.writer.ts';
import { emptyCounts, type ImportDeps, type ImportResult, type StoryRecord } from './import.types.ts';
import { imagesIn } from './media.files.ts';
import { ImportMedia, type MediaOptions } from './media.importer.ts';
import { writePerson, writeSection, writeTag } from './names.writer.ts';
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
 * out), each post's primary tag → its section, posts (pages skipped and
 * counted), `/{slug}/` (Ghost's default permalink) → 301. Same batches,
 * source keys and final flip as the WordPress importer. The JSON is read
 * whole (Ghost exports hold no comments and rarely pass tens of MB).
 */
export async function importGhost(deps: ImportDeps, file: string, opts: { media?: MediaOptions } = {}): Promise<ImportResult> {
  const started = Date.now();
  const data = exportData(file);
  await deps.hash('email', '');
  const ctx: WriteContext = { source: SOURCE, nowIso: deps.clock.now().toISOString(), actor: 'import:ghost', deps, counts: emptyCounts() };
  const notes: Record<string, number> = {};
  const note = (n: string) => (notes[n] = (notes[n] ?? 0) + 1);
  const people = new Map<string, number>();
  const tags = new Map<string, { id: number; row: Row }>();
  const sections = new Map<string, number>();
  await deps.db.kysely.transaction().execute(async (trx) => {
    for (const u of data.users ?? []) people.set(str(u.id), await writePerson(trx, ctx, { login: str(u.slug), email: str(u.email).toLowerCase(), name: str(u.name) }));
    for (const t of data.tags ?? []) {
      if (str(t.name).startsWith('#') || !str(t.slug)) continue;
      tags.set(str(t.id), { id: await writeTag(trx, ctx, { slug: str(t.slug), name: str(t.name), description: str(t.description) }), row: t });
    }
  });
  await deps.changes.committed();
  const byPost = <T>(rows: Row[] | undefined, key: string) => {
    const m = new Map<string, T[]>();
    for (const r of [...(rows ?? [])].sort((a, b) => Number(a.sort_order ?? 0) - Number(b.sort_order ?? 0))) m.set(str(r.post_id), [...(m.get(str(r.post_id)) ?? []), str(r[key]) as T]);
    return m;
  };
  // Every picture first (Ghost exports are read whole): featured images and those in the bodies.
  const media = new ImportMedia({ db: deps.db, library: deps.media, fetch: deps.fetch }, SOURCE, opts.media ?? {}, ctx.nowIso);
  // Ghost 5 keeps a featured image's alt text and caption in posts_meta.
  const meta = new Map((data.posts_meta ?? []).map((m) => [str(m.post_id), m]));
  const featuredRef = (p: Row) => ({ src: featureImage(p), className: '', alt: str(meta.get(str(p.id))?.feature_image_alt) || undefined, caption: htmlToText(str(meta.get(str(p.id))?.feature_image_caption)) });
  await media.prepare(data.posts.flatMap((p) => [...(featureImage(p) ? [featuredRef(p)] : []), ...imagesIn(ghostBody(p))]));
  const postTags = byPost<string>(data.posts_tags, 'tag_id');
  const postAuthors = byPost<string>(data.posts_authors, 'author_id');
  const records: StoryRecord[] = [];
  const pages: PageRecord[] = [];
  for (const p of data.posts) {
    if (str(p.type) === 'page' || str(p.page) === '1' || p.page === true) {
      if (!deps.pages || pages.length >= MAX_IMPORTED_PAGES) ctx.counts.skipped['pages (over the limit, or no pages service)'] = (ctx.counts.skipped['pages (over the limit, or no pages service)'] ?? 0) + 1;
      else {
        const { doc, notes: n } = htmlToDoc(ghostBody(p), { image: media.resolver() });
        n.forEach(note);
        pages.push({ sourceId: str(p.id), title: str(p.title), slug: str(p.slug), body: doc, status: str(p.status) === 'published' ? 'published' : 'draft' });
      }
      continue;
    }
    const status = STATUS[str(p.status)] ?? 'draft';
    const { doc, notes: n } = htmlToDoc(ghostBody(p), { image: media.resolver() });
    n.forEach(note);
    const featuredImageId = featureImage(p) ? media.imageFor({ src: featureImage(p), className: '' }) : undefined;
    if (featureImage(p) && featuredImageId === undefined) note('featured image not imported');
    const tagIds = (postTags.get(str(p.id)) ?? []).map((id) => tags.get(id)).filter((t): t is { id: number; row: Row } => t !== undefined);
    const authors = postAuthors.get(str(p.id)) ?? [str(p.author_id)];
    const primary = tagIds[0]?.row;
    records.push({
      sourceId: str(p.id),
      headline: str(p.title).trim(),
      slug: str(p.slug),
      dek: str(p.custom_excerpt) === 'None' ? '' : str(p.custom_excerpt).trim(),
      body: doc,
      ...(featuredImageId !== undefined ? { featuredImageId } : {}),
      status,
      publishedAt: status === 'draft' ? null : isoOr(str(p.published_at), ctx.nowIso),
      sectionId: primary ? (sections.get(str(primary.slug)) ?? null) : null,
      tagIds: tagIds.map((t) => t.id),
      personIds: [...new Set(authors.map((a) => people.get(a)).filter((x): x is number => x !== undefined))],
      oldPaths: str(p.slug) ? [`/${str(p.slug)}/`] : [],
      comments: [],
    });
    if (primary && !sections.has(str(primary.slug))) {
      const id = await deps.db.kysely.transaction().execute((trx) => writeSection(trx, ctx, { slug: str(primary.slug), name: str(primary.name), description: '', parentId: null }));
      sections.set(str(primary.slug), id);
      records[records.length - 1].sectionId = id;
    }
  }
  for (let i = 0; i < records.length; i += BATCH) {
    await deps.db.kysely.transaction().execute(async (trx) => {
      for (const r of records.slice(i, i + BATCH)) await writeStory(trx, ctx, r);
    });
    await deps.changes.committed();
  }
  await releaseImport(deps, SOURCE);
  if (deps.pages) await writePages({ pages: deps.pages, db: deps.db.kysely, now: () => deps.clock.now() }, SOURCE, pages, ctx.counts);
  return { counts: ctx.counts, notes, media: media.report, elapsedMs: Date.now() - started };
}
