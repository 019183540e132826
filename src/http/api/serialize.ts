import type { ApiKey } from '../../domain/apikeys/index.ts';
import type { Article, ArticleSummary, ImageInfo, PersonRef, SectionRef, TagRef } from '../../domain/articles/index.ts';
import { mediaUrl } from '../../domain/media/index.ts';
import type { Person } from '../../domain/people/index.ts';
import type { Section } from '../../domain/sections/index.ts';
import type { Tag } from '../../domain/tags/index.ts';

/**
 * The Admin API's JSON shapes, in one place so every route answers alike:
 * camelCase, ISO 8601 UTC dates, references as small objects, absolute URLs
 * built from the configured site URL (never from the Host header).
 */

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function storyUrl(siteUrl: string, a: { id: number; slug: string }): string {
  return `${siteUrl}/news/${a.id}/${encodeURIComponent(a.slug)}`;
}

export function imageJson(siteUrl: string, img: ImageInfo | null) {
  if (!img) return null;
  return {
    id: img.id,
    mime: img.mime,
    width: img.width,
    height: img.height,
    alt: img.alt,
    caption: img.caption,
    credit: img.credit,
    variants: img.variants.map((v) => ({ width: v.width, height: v.height, format: v.format, url: siteUrl + mediaUrl(img, v.file) })),
  };
}

const sectionRef = (s: SectionRef | null) => (s ? { id: s.id, slug: s.slug, name: s.name, parentId: s.parentId } : null);
const tagRef = (t: TagRef) => ({ id: t.id, slug: t.slug, name: t.name });
const personRef = (p: PersonRef) => ({ id: p.id, slug: p.slug, name: p.name, roleTitle: p.roleTitle });

/** Live means a reader can open the story now; scheduled and withdrawn stories are not. */
function isLive(a: ArticleSummary, now: Date): boolean {
  return a.status === 'published' && a.publishedAt !== null && a.publishedAt <= now;
}

export function articleSummaryJson(siteUrl: string, now: Date, a: ArticleSummary) {
  return {
    id: a.id,
    slug: a.slug,
    url: storyUrl(siteUrl, a),
    headline: a.headline,
    dek: a.dek,
    status: a.status,
    live: isLive(a, now),
    language: a.language,
    direction: a.direction,
    section: sectionRef(a.section),
    bylines: a.bylines.map(personRef),
    credit: a.credit,
    featuredImage: imageJson(siteUrl, a.featuredImage),
    publishedAt: iso(a.publishedAt),
    updatedAt: iso(a.updatedAt),
  };
}

export function articleJson(siteUrl: string, now: Date, a: Article) {
  return {
    ...articleSummaryJson(siteUrl, now, a),
    dateline: a.dateline,
    tags: a.tags.map(tagRef),
    body: a.body,
    wordCount: a.wordCount,
    bodyImages: [...a.bodyImages.values()].map((img) => imageJson(siteUrl, img)),
    firstPublishedAt: iso(a.firstPublishedAt),
    createdAt: iso(a.createdAt),
    commentMode: a.commentMode,
    canonicalUrl: a.canonicalUrl,
    seoTitle: a.seoTitle,
    seoDescription: a.seoDescription,
    socialTitle: a.socialTitle,
    socialDescription: a.socialDescription,
    version: a.version,
    corrections: a.corrections.map((c) => ({ id: c.id, body: c.body, createdAt: iso(c.createdAt) })),
  };
}

export function sectionJson(s: Section) {
  return { id: s.id, slug: s.slug, name: s.name, description: s.description, parentId: s.parentId, position: s.position };
}

/** `TagsService.list()` does not load aliases, so list items leave them out rather than show an empty list. */
export function tagJson(t: Tag, withAliases = true) {
  return { id: t.id, slug: t.slug, name: t.name, description: t.description, ...(withAliases ? { aliases: t.aliases } : {}) };
}

export function personJson(p: Person) {
  return { id: p.id, slug: p.slug, name: p.name, bio: p.bio, roleTitle: p.roleTitle, photoImageId: p.photoImageId };
}

export function apiKeyJson(k: ApiKey) {
  return { id: k.id, name: k.name, role: k.role, prefix: k.prefix, createdAt: iso(k.createdAt), lastUsedAt: iso(k.lastUsedAt), revokedAt: iso(k.revokedAt) };
}
