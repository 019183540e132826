import type { Doc } from './document.ts';

export const ARTICLE_STATUSES = ['draft', 'review', 'scheduled', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** `default` follows the site setting (pre-moderated unless changed). */
export const COMMENT_MODES = ['default', 'open', 'premoderated', 'closed'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export interface SectionRef {
  id: number;
  slug: string;
  name: string;
  parentId: number | null;
}

export interface TagRef {
  id: number;
  slug: string;
  name: string;
}

export interface PersonRef {
  id: number;
  slug: string;
  name: string;
  roleTitle: string;
}

export interface ImageVariant {
  width: number;
  height: number;
  format: 'webp' | 'jpeg';
  file: string;
}

export interface ImageInfo {
  id: number;
  key: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  variants: ImageVariant[];
}

export interface Correction {
  id: number;
  body: string;
  createdAt: Date;
}

/** What lists, feeds and cards need: no body. */
export interface ArticleSummary {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  status: ArticleStatus;
  language: string;
  direction: 'ltr' | 'rtl';
  section: SectionRef | null;
  bylines: PersonRef[];
  credit: string;
  featuredImage: ImageInfo | null;
  publishedAt: Date | null;
  updatedAt: Date;
  /** Approved reader comments: shown on cards, so a card's page carries the story's comments tag. */
  commentCount: number;
}

export interface Article extends ArticleSummary {
  dateline: string;
  body: Doc;
  bodyText: string;
  wordCount: number;
  tags: TagRef[];
  firstPublishedAt: Date | null;
  createdAt: Date;
  commentMode: CommentMode;
  canonicalUrl: string;
  seoTitle: string;
  seoDescription: string;
  socialTitle: string;
  socialDescription: string;
  version: number;
  /** Staff user who started the story; null for Admin API and demo stories (editors own those). */
  createdBy: number | null;
  /** Admin API key that started the story; null for stories started anywhere else. */
  createdByKey: number | null;
  corrections: Correction[];
  /** Images referenced from the body, by id. */
  bodyImages: Map<number, ImageInfo>;
}

/** Listing filters shared by the public site, feeds and the Admin API. */
export interface ArticleFilter {
  /** Only these stories (the front page's chosen ones). */
  ids?: number[];
  sectionId?: number;
  /** Include stories of the section's descendants too. */
  sectionIds?: number[];
  tagId?: number;
  personId?: number;
  status?: ArticleStatus;
  search?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
