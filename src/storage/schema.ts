import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * One table type per table. Timestamps are UTC ISO-8601 text on both
 * dialects (they sort and compare as strings); JSON is text; booleans are
 * 0/1 integers. That keeps the SQL the same on SQLite and PostgreSQL.
 */
export interface SectionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  parent_id: number | null;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  created_at: string;
}

export interface TagAliasTable {
  slug: string;
  tag_id: number;
}

export interface PersonTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
  role_title: string;
  photo_image_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface ImageTable {
  id: Generated<number>;
  /** Random, unguessable storage key; files live under media/{key}/. */
  key: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  original_name: string;
  /** JSON: [{ width, height, format, file }] */
  variants: string;
  created_at: string;
}

export interface ArticleTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  dek: string;
  dateline: string;
  /** JSON of the editor document (TipTap/ProseMirror shape). */
  body: string;
  body_text: string;
  word_count: number;
  language: string;
  direction: 'ltr' | 'rtl';
  section_id: number | null;
  featured_image_id: number | null;
  credit: string;
  status: string;
  published_at: string | null;
  first_published_at: string | null;
  created_at: string;
  updated_at: string;
  comment_mode: string;
  canonical_url: string;
  seo_title: string;
  seo_description: string;
  social_title: string;
  social_description: string;
  /** Optimistic concurrency: bumped on every save. */
  version: number;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface ArticleBylineTable {
  article_id: number;
  person_id: number;
  position: number;
}

export interface CorrectionTable {
  id: Generated<number>;
  article_id: number;
  body: string;
  created_at: string;
}

export interface RevisionTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  /** JSON snapshot of the article as saved. */
  snapshot: string;
  actor: string;
  created_at: string;
}

export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  role: string;
  /** First characters, shown in listings so a key can be recognised. */
  prefix: string;
  /** SHA-256 of the whole key: keys are 256-bit random, so a fast hash is right. */
  hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditEntryTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  detail: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  sections: SectionTable;
  tags: TagTable;
  tag_aliases: TagAliasTable;
  people: PersonTable;
  images: ImageTable;
  articles: ArticleTable;
  article_tags: ArticleTagTable;
  article_bylines: ArticleBylineTable;
  corrections: CorrectionTable;
  revisions: RevisionTable;
  api_keys: ApiKeyTable;
  audit_entries: AuditEntryTable;
  settings: SettingTable;
}

export type ArticleRow = Selectable<ArticleTable>;
export type NewArticleRow = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
export type SectionRow = Selectable<SectionTable>;
export type TagRow = Selectable<TagTable>;
export type PersonRow = Selectable<PersonTable>;
export type ImageRow = Selectable<ImageTable>;
export type CorrectionRow = Selectable<CorrectionTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
