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
  /** Staff user who started the story (0005); null for Admin API and demo stories. */
  created_by: Generated<number | null>;
  /** Admin API key that started the story (0013); null otherwise. */
  created_by_key: Generated<number | null>;
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

/**
 * The search index row of one published story (0002-search, 0008-search-speed).
 * SQLite indexes it through the FTS5 table `search_fts`; PostgreSQL keeps the
 * tsvector in the narrow table `search_index (article_id, order_key, document)`
 * (0019-search-postgres), written and read only through raw SQL.
 */
export interface SearchDocumentTable {
  article_id: number;
  /** Publication order and FTS5 rowid: whole seconds of published_at × 2^20 + article id mod 2^20. */
  order_key: number;
  status: string;
  published_at: string;
  section_id: number | null;
  headline: string;
  dek: string;
  body: string;
  people: string;
  tags: string;
  /** Transliteration keys of the story's name-like words (`kani ; jn lk`); on SQLite each key word starts with U+001F (0008). */
  names: string;
  /** Filter tokens, U+001F + `section12`, U+001F + `author7` (0008-search-speed): an FTS5 column on SQLite, lexemes on PostgreSQL. */
  facets: string;
  /** One private token per adjacent pair of common words in the text (0010-search-common-grams; PostgreSQL's name their words, 0019). */
  grams: Generated<string>;
  /** The newest `search_gram_lists.version` whose words `grams` was computed with; 0 for none. */
  grams_list: Generated<number>;
}

/** Versions of the list of common words that common-grams pair (0010-search-common-grams); used on SQLite only. */
export interface SearchGramListTable {
  version: number;
  /** Random, unique: caches of the words are keyed by it. */
  list_id: string;
  /** building → active → retired; at most one active and one building. */
  state: 'building' | 'active' | 'retired';
  /** The words as FTS5 tokens, one a line. */
  words: string;
  word_count: number;
  sample_stories: number;
  created_at: string;
  activated_at: string | null;
}

export interface HouseSpellingTable {
  key: string;
  spelling: string;
  updated_at: string;
  updated_by: string;
}

/** Reader comments (0004-comments). `status`: pending | approved | rejected | spam. */
export interface CommentTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  /** Never shown; used only to send the notifications the commenter asked for. */
  author_email: string;
  /** HMAC of the normalised email with the site's comment salt. */
  email_hash: string;
  author_url: string;
  body: string;
  body_hash: string;
  status: string;
  /** JSON array of why the pipeline held it. */
  held_reasons: string;
  ip_hash: string;
  notify: number;
  flag_count: number;
  created_at: string;
  updated_at: string;
  moderated_at: string | null;
  moderated_by: string | null;
}

export interface CommentFlagTable {
  id: Generated<number>;
  comment_id: number;
  reporter_hash: string;
  reason: string;
  created_at: string;
}

export interface CommentBanTable {
  id: Generated<number>;
  kind: string;
  value_hash: string;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface CommentChallengeUsedTable {
  signature: string;
  expires_at: string;
}

export interface CommentCaptchaTable {
  id: string;
  article_id: number;
  answer: number;
  attempts: number;
  ip_hash: string;
  created_at: string;
  expires_at: string;
}

/**
 * Everything that runs later or elsewhere (0011-jobs): claimed by one
 * instance at a time under a lease, retried with back-off, dead after
 * `max_attempts` with its last error. See docs/jobs.md.
 */
export interface JobTable {
  id: Generated<number>;
  kind: string;
  /** JSON; emptied to `{}` once a job whose payload is secret (mail) is done. */
  payload: string;
  state: 'waiting' | 'running' | 'done' | 'dead';
  /** At most one waiting job per key. */
  key: string | null;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: number;
  /** The runner instance holding the lease while running; once done, the one that ran it. */
  locked_by: string | null;
  /** The lease: a running job past this is taken over by another runner. */
  locked_until: string | null;
  last_error: Generated<string>;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** The change feed (migration 0012): see src/domain/changes. */
export interface ChangeTable {
  id: Generated<number>;
  kind: string;
  entity_id: string;
  action: string;
  tags: string;
  created_at: string;
}

/** What an import made, by the source's ids (migration 0014): see src/domain/import. */
export interface ImportSourceTable {
  source: string;
  kind: string;
  source_id: string;
  entity_id: number;
  /** The status a new story takes when its run ends; null once applied. */
  held_status: string | null;
  held_published_at: string | null;
  imported_at: string;
}

/** An import started from the admin page, its progress and summary (migration 0022). */
export interface ImportRunTable {
  id: Generated<number>;
  kind: string;
  file_path: string;
  file_name: string;
  bytes_total: number;
  state: string;
  progress: string;
  summary: string | null;
  error: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** Old addresses answered with a redirect to a story (migration 0014). */
export interface RedirectTable {
  id: Generated<number>;
  path: string;
  article_id: number;
  status_code: number;
  created_at: string;
}

/** The editors' front-page and section-lead choices (migration 0016). */
export interface FrontPagePickTable {
  id: Generated<number>;
  slot: string;
  position: number;
  article_id: number | null;
  section_id: number | null;
  pinned_until: string | null;
  created_at: string;
}

export interface CommentMailOptoutTable {
  email_hash: string;
  created_at: string;
}

/** Staff account (0003-accounts). `email` is stored lower-cased and NFC-normalised. */
export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: string;
  /** argon2id PHC string. */
  password_hash: string;
  /** Base32 TOTP seed once enrolment is confirmed; null when the second factor is off. */
  totp_secret: string | null;
  /** Seed shown during enrolment, until the first code confirms it. */
  totp_pending: string | null;
  /** Last accepted 30 s step, so a code cannot be used twice. */
  totp_last_step: number;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie's 32 random bytes: a database leak yields no usable cookie. */
  id_hash: string;
  user_id: number;
  /** `full`, or `totp` while the second factor is still owed. */
  stage: string;
  csrf_token: string;
  ip: string;
  user_agent: string;
  created_at: string;
  last_seen_at: string;
  /** Absolute end of life, however active the session is. */
  expires_at: string;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Failure counters keyed by purpose and subject (account+IP, IP), shared by every instance. */
export interface AuthThrottleTable {
  key: string;
  failures: number;
  first_at: string;
  last_at: string;
  blocked_until: string | null;
}

/** A staff member's passkey (0015): the WebAuthn credential's public key and signature counter. */
export interface PasskeyTable {
  id: Generated<number>;
  user_id: number;
  /** base64url credential id, as the browser reports it. */
  credential_id: string;
  /** base64url COSE public key. */
  public_key: string;
  counter: number | string;
  /** JSON array of transport hints (`internal`, `usb`, …). */
  transports: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

/** A WebAuthn challenge in flight (0015): single use, deleted when answered or expired. */
export interface AuthChallengeTable {
  challenge: string;
  /** `register`, `sign-in` (passkey alone) or `second` (passkey after the password). */
  purpose: string;
  /** Who may answer it: `user:<id>`, or the pre-session CSRF token's hash for a sign-in. */
  subject: string;
  expires_at: string;
}

/** A recovery code (0015), as HMAC-SHA-256 under a key kept outside the database. */
export interface RecoveryCodeTable {
  code_hash: string;
  user_id: number;
  created_at: string;
  used_at: string | null;
}

/** A finding an editor chose to keep, with the reason (0005). Keyed by fingerprint, not offsets. */
export interface CheckDismissalTable {
  id: Generated<number>;
  article_id: number;
  rule_id: string;
  fingerprint: string;
  reason: string;
  actor: string;
  created_at: string;
}

/** A static page (About, Contact): migration 0017. */
export interface PageTable {
  id: Generated<number>;
  slug: string;
  title: string;
  /** The story document's JSON (src/domain/articles/document.ts). */
  body: string;
  body_text: string;
  status: string;
  menu_position: number | null;
  version: number;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PageRevisionTable {
  id: Generated<number>;
  page_id: number;
  version: number;
  snapshot: string;
  actor: string;
  created_at: string;
}

/** An editor's redirect: `match` is `exact` or `prefix`; `target` is empty for 410. */
export interface RedirectRuleTable {
  id: Generated<number>;
  match: string;
  source: string;
  target: string;
  status_code: number;
  created_at: string;
  updated_at: string;
}

export interface Database {
  users: UserTable;
  sessions: SessionTable;
  password_resets: PasswordResetTable;
  auth_throttle: AuthThrottleTable;
  passkeys: PasskeyTable;
  auth_challenges: AuthChallengeTable;
  recovery_codes: RecoveryCodeTable;
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
  comments: CommentTable;
  comment_flags: CommentFlagTable;
  comment_bans: CommentBanTable;
  comment_challenges_used: CommentChallengeUsedTable;
  comment_captchas: CommentCaptchaTable;
  comment_mail_optouts: CommentMailOptoutTable;
  jobs: JobTable;
  search_documents: SearchDocumentTable;
  search_gram_lists: SearchGramListTable;
  house_spellings: HouseSpellingTable;
  check_dismissals: CheckDismissalTable;
  changes: ChangeTable;
  import_sources: ImportSourceTable;
  import_runs: ImportRunTable;
  redirects: RedirectTable;
  front_page_picks: FrontPagePickTable;
  pages: PageTable;
  page_revisions: PageRevisionTable;
  redirect_rules: RedirectRuleTable;
}

export type ArticleRow = Selectable<ArticleTable>;
export type NewArticleRow = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
export type SectionRow = Selectable<SectionTable>;
export type FrontPagePickRow = Selectable<FrontPagePickTable>;
export type TagRow = Selectable<TagTable>;
export type PersonRow = Selectable<PersonTable>;
export type ImageRow = Selectable<ImageTable>;
export type CorrectionRow = Selectable<CorrectionTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type CommentRow = Selectable<CommentTable>;
export type NewCommentRow = Insertable<CommentTable>;
export type JobRow = Selectable<JobTable>;
export type PageRow = Selectable<PageTable>;
export type RedirectRuleRow = Selectable<RedirectRuleTable>;
