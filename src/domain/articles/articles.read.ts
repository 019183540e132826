import type { ArticleRow } from '../../storage/schema.ts';
import { extrasOf, sectionOf, type StoryExtras } from './articles.public.repo.ts';
import { approvedCommentCounts, bylinesFor, imagesByIds, sectionsByIds, type Q, type SummaryRow } from './articles.repo.ts';
import type { Article, ArticleStatus, ArticleSummary, CommentMode, ImageInfo, PersonRef, SectionRef } from './articles.types.ts';
import { imageIdsOf, type Doc } from './document.ts';

/** Rows → summaries with their section, bylines, featured image and comment count, in five queries whatever the page size. */
export async function hydrateSummaries(db: Q, rows: SummaryRow[]): Promise<ArticleSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [sections, bylines, images, counts] = await Promise.all([
    sectionsByIds(db, rows.map((r) => r.section_id).filter((x): x is number => x !== null)),
    bylinesFor(db, ids),
    imagesByIds(db, rows.map((r) => r.featured_image_id).filter((x): x is number => x !== null)),
    approvedCommentCounts(db, ids),
  ]);
  return rows.map((r) => summaryOf(r, sections, bylines, images, counts));
}

function summaryOf(r: SummaryRow, sections: Map<number, SectionRef>, bylines: Map<number, PersonRef[]>, images: Map<number, ImageInfo>, counts: Map<number, number>): ArticleSummary {
  return {
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    dek: r.dek,
    status: r.status as ArticleStatus,
    language: r.language,
    direction: r.direction,
    section: r.section_id !== null ? (sections.get(r.section_id) ?? null) : null,
    bylines: bylines.get(r.id) ?? [],
    credit: r.credit,
    featuredImage: r.featured_image_id !== null ? (images.get(r.featured_image_id) ?? null) : null,
    publishedAt: r.published_at ? new Date(r.published_at) : null,
    updatedAt: new Date(r.updated_at),
    commentCount: counts.get(r.id) ?? 0,
  };
}

/** `section`: already read with the row (the public story read); else it is looked up here. */
export async function hydrateArticle(db: Q, row: ArticleRow, section?: SectionRef | null): Promise<Article> {
  const body = JSON.parse(row.body) as Doc;
  const imageIds = imageIdsOf(body);
  if (row.featured_image_id !== null) imageIds.push(row.featured_image_id);
  // One image query serves both the featured image and the body's figures; none when there is no image.
  const [sectionRef, extras, images, counts] = await Promise.all([
    section !== undefined ? section : sectionOf(db, row.section_id),
    extrasOf(db, row.id),
    imageIds.length ? imagesByIds(db, imageIds) : new Map<number, ImageInfo>(),
    approvedCommentCounts(db, [row.id]),
  ]);
  return assembleArticle({ row, section: sectionRef, extras, images, commentCount: counts.get(row.id) ?? 0 }, body);
}

/** The article from its row and its parts, however they were read (here, or in one statement on PostgreSQL). */
export function assembleArticle(parts: { row: ArticleRow; section: SectionRef | null; extras: StoryExtras; images: Map<number, ImageInfo>; commentCount: number }, body = JSON.parse(parts.row.body) as Doc): Article {
  const { row, section, extras, images } = parts;
  const sections = new Map(section ? [[section.id, section]] : []);
  const bylines = new Map([[row.id, extras.bylines]]);
  return {
    ...summaryOf(row, sections, bylines, images, new Map([[row.id, parts.commentCount]])),
    dateline: row.dateline,
    body,
    bodyText: row.body_text,
    wordCount: row.word_count,
    tags: extras.tags,
    firstPublishedAt: row.first_published_at ? new Date(row.first_published_at) : null,
    createdAt: new Date(row.created_at),
    commentMode: row.comment_mode as CommentMode,
    canonicalUrl: row.canonical_url,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    socialTitle: row.social_title,
    socialDescription: row.social_description,
    version: row.version,
    createdBy: row.created_by ?? null,
    createdByKey: row.created_by_key ?? null,
    corrections: extras.corrections,
    bodyImages: images,
  };
}

/** Public visibility of one row at `now`: shown, gone (was public, now withdrawn), or unknown. */
export function visibilityOf(row: ArticleRow | undefined, nowIso: string): 'visible' | 'gone' | 'missing' {
  if (!row) return 'missing';
  if (row.status === 'published' && row.published_at !== null && row.published_at <= nowIso) return 'visible';
  if (row.status === 'unpublished' && row.first_published_at !== null) return 'gone';
  return 'missing';
}
