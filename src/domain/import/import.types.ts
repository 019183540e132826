import type { ArticleStatus, Doc } from '../articles/index.ts';
import type { Db, Q } from '../../storage/index.ts';
import type { PagesService } from '../pages/index.ts';
import type { SafeFetch } from '../shared/safe-fetch.ts';
import type { MediaLibrary, MediaOptions, MediaReport } from './media.importer.ts';

/** A story as any source hands it over, already converted to our shapes. */
export interface StoryRecord {
  sourceId: string;
  headline: string;
  slug: string;
  dek: string;
  body: Doc;
  status: ArticleStatus;
  publishedAt: string | null;
  sectionId: number | null;
  tagIds: number[];
  personIds: number[];
  /** The featured image, when the import got its file; absent leaves a story's current one alone. */
  featuredImageId?: number;
  /** Site-relative old addresses (`/2011/01/hello/`, `/?p=1`) to answer with a 301. */
  oldPaths: string[];
  comments: CommentRecord[];
}

export interface CommentRecord {
  sourceId: string;
  parentSourceId: string;
  author: string;
  email: string;
  url: string;
  body: string;
  status: 'approved' | 'pending' | 'spam';
  createdAt: string;
}

export interface ImportCounts {
  stories: number;
  updated: number;
  comments: number;
  sections: number;
  tags: number;
  people: number;
  redirects: number;
  /** Static pages made, and pages a re-run updated. */
  pages: number;
  pagesUpdated: number;
  skipped: Record<string, number>;
}

export interface ImportProgress {
  counts: ImportCounts;
  /**
   * How far through the file: for the streamed WXR, the bytes the reader has
   * passed; for a Ghost export (streamed too, posts on its second pass), the
   * byte where the batch's last post ends. So one progressFigures (share,
   * rate, time left) serves both.
   */
  bytesRead: number;
  bytesTotal: number;
  elapsedMs: number;
}

/** What the CLI and the import job hand the WordPress and Ghost importers. */
export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  /** Where featured and inline pictures come from (`--media-dir`, `--fetch-media`); without it they are counted, not imported. */
  media?: MediaOptions;
  /** Stops the run between batches (a job whose lease was lost); what was written stays drafts for the next run. */
  signal?: AbortSignal;
}

export interface ImportResult {
  counts: ImportCounts;
  /** Conversion notes (images dropped, tables as text, …), each with how many times it happened. */
  notes: Record<string, number>;
  /** Pictures: brought in, reused from an earlier run, failed (with the first reasons), not looked for. */
  media: MediaReport;
  elapsedMs: number;
}

/** Salted hashes as the comment pipeline makes them, so imported comments match bans and repeats. */
export type CommentHasher = (kind: 'email' | 'ip', value: string) => Promise<string>;

export interface ImportDeps {
  db: Db;
  clock: { now(): Date };
  /** Told after each batch commits, like every content write. */
  changes: { committed(): Promise<void> };
  hash: CommentHasher;
  indexer?: { index(trx: Q, articleId: number): Promise<void>; indexMany(trx: Q, articleIds: readonly number[]): Promise<void> };
  /** Writes (or moves) a scheduled story's publishing job, in the caller's transaction. */
  schedule?: (trx: Q, articleId: number, publishAtIso: string) => Promise<void>;
  /** Where a Dateline export's media files go (dateline.ts). */
  blobs?: { put(key: string, file: string, data: Buffer): Promise<void> };
  /** Where pages go; without it (a bare test harness) pages are skipped and counted. */
  pages?: PagesService;
  /** The media library (MediaService) and the SSRF-safe client, for `--media-dir` and `--fetch-media` (media.importer.ts). */
  media?: MediaLibrary;
  fetch?: SafeFetch;
  /** Where sticky (WordPress) and featured (Ghost) posts become top stories (sticky.ts); without it they are noted, not placed. */
  frontPage?: { placeIfUnarranged(storyIds: number[], actor: string): Promise<boolean> };
}

export const emptyCounts = (): ImportCounts => ({ stories: 0, updated: 0, comments: 0, sections: 0, tags: 0, people: 0, redirects: 0, pages: 0, pagesUpdated: 0, skipped: {} });

/**
 * What a progress display shows, worked out once for the CLI's line and the
 * admin page's bar: stories done, the share of the file read, stories a
 * second (null before the first), and seconds left from the share read so far
 * (null before any of the file was read).
 */
export function progressFigures(p: ImportProgress): { done: number; share: number; rate: number | null; secondsLeft: number | null } {
  const secs = p.elapsedMs / 1000;
  const done = p.counts.stories + p.counts.updated;
  const share = p.bytesTotal ? p.bytesRead / p.bytesTotal : 0;
  return {
    done,
    share,
    rate: secs > 0 && done > 0 ? Math.round(done / secs) : null,
    secondsLeft: share > 0 ? Math.max(0, Math.ceil((secs * (1 - share)) / share)) : null,
  };
}
