/**
 * The Dateline export format, version 1 (docs/export.md): JSON Lines, one
 * record a line. The first line is the header, the last the `end` record
 * with the count of every type, so a cut-short file is told from a whole
 * one. Between them, records come in the order a fresh install can take
 * them (what a row points at comes before it).
 *
 * Each type lists its fields here, ONCE: the exporter reads exactly these
 * columns (so a secret column added to a table later is not exported by
 * accident: the list is an allow-list), and the importer checks every
 * record against the same list before it writes anything.
 */
export const EXPORT_FORMAT = 'dateline-export';
export const EXPORT_VERSION = 1;

/** `s` text, `n` number, `?` may also be null. */
export type FieldKind = 's' | 'n' | 's?' | 'n?';

export interface RecordSpec {
  /** The table the record's row fields come from and go to. */
  table: string;
  fields: Record<string, FieldKind>;
  /** Extra fields that are not columns (a story's tag ids, an image's files). */
  extra?: Record<string, 'ids' | 'strings' | 'files'>;
}

const stamps = { created_at: 's', updated_at: 's' } as const;

export const RECORDS = {
  setting: { table: 'settings', fields: { key: 's', value: 's', updated_at: 's' } },
  'house-spelling': { table: 'house_spellings', fields: { key: 's', spelling: 's', updated_at: 's', updated_by: 's' } },
  image: {
    table: 'images',
    fields: { id: 'n', key: 's', mime: 's', width: 'n', height: 'n', bytes: 'n', alt: 's', caption: 's', credit: 's', original_name: 's', variants: 's', created_at: 's' },
    extra: { files: 'files' },
  },
  person: { table: 'people', fields: { id: 'n', slug: 's', name: 's', bio: 's', role_title: 's', photo_image_id: 'n?', ...stamps } },
  section: { table: 'sections', fields: { id: 'n', slug: 's', name: 's', description: 's', parent_id: 'n?', position: 'n', ...stamps } },
  tag: { table: 'tags', fields: { id: 'n', slug: 's', name: 's', description: 's', created_at: 's' }, extra: { aliases: 'strings' } },
  // Only with --with-accounts. Second factors (TOTP seeds, passkeys,
  // recovery codes) are sealed with this site's key and stay behind.
  user: { table: 'users', fields: { id: 'n', email: 's', name: 's', role: 's', password_hash: 's', disabled_at: 's?', ...stamps } },
  article: {
    table: 'articles',
    fields: {
      id: 'n', slug: 's', headline: 's', dek: 's', dateline: 's', body: 's', body_text: 's', word_count: 'n', language: 's', direction: 's',
      section_id: 'n?', featured_image_id: 'n?', credit: 's', status: 's', published_at: 's?', first_published_at: 's?', ...stamps,
      comment_mode: 's', canonical_url: 's', seo_title: 's', seo_description: 's', social_title: 's', social_description: 's', version: 'n', created_by: 'n?',
    },
    extra: { tags: 'ids', bylines: 'ids' },
  },
  correction: { table: 'corrections', fields: { id: 'n', article_id: 'n', body: 's', created_at: 's' } },
  revision: { table: 'revisions', fields: { id: 'n', article_id: 'n', version: 'n', snapshot: 's', actor: 's', created_at: 's' } },
  // The salted email and IP hashes stay behind: they are keyed by this
  // site's salt, so the importing site hashes the email again with its own.
  comment: {
    table: 'comments',
    fields: {
      id: 'n', article_id: 'n', parent_id: 'n?', author_name: 's', author_email: 's', author_url: 's', body: 's', body_hash: 's', status: 's',
      held_reasons: 's', notify: 'n', flag_count: 'n', ...stamps, moderated_at: 's?', moderated_by: 's?',
    },
  },
  page: { table: 'pages', fields: { id: 'n', slug: 's', title: 's', body: 's', body_text: 's', status: 's', menu_position: 'n?', version: 'n', published_at: 's?', ...stamps } },
  'page-revision': { table: 'page_revisions', fields: { id: 'n', page_id: 'n', version: 'n', snapshot: 's', actor: 's', created_at: 's' } },
  redirect: { table: 'redirects', fields: { id: 'n', path: 's', article_id: 'n', status_code: 'n', created_at: 's' } },
  'redirect-rule': { table: 'redirect_rules', fields: { id: 'n', match: 's', source: 's', target: 's', status_code: 'n', ...stamps } },
  'front-page-pick': { table: 'front_page_picks', fields: { id: 'n', slot: 's', position: 'n', article_id: 'n?', section_id: 'n?', pinned_until: 's?', created_at: 's' } },
} as const satisfies Record<string, RecordSpec>;

export type RecordType = keyof typeof RECORDS;

/** The order records are written and read in: everything a row points at comes first. */
export const RECORD_ORDER: RecordType[] = [
  'setting', 'house-spelling', 'image', 'person', 'section', 'tag', 'user', 'article', 'correction', 'revision', 'comment', 'page', 'page-revision',
  'redirect', 'redirect-rule', 'front-page-pick',
];

/**
 * Settings that travel. The others are this install's secrets (comment
 * salts and keys, the secret-key check) or its own state (whether the
 * first admin was set up), and a new install makes its own.
 */
export const EXPORTED_SETTINGS = ['site', 'comments.rules'];

export interface MediaFile {
  /** The file's name inside the image's folder (media/{key}/). */
  file: string;
  bytes: number;
  sha256: string;
}

export interface ExportHeader {
  type: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  withAccounts: boolean;
}

export interface ExportEnd {
  type: 'end';
  counts: Record<string, number>;
}

export type Row = Record<string, string | number | null>;
export interface ExportRecord {
  type: RecordType;
  row: Row;
  tags?: number[];
  bylines?: number[];
  aliases?: string[];
  files?: MediaFile[];
}
