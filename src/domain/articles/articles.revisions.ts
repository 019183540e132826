import type { Db } from '../../storage/index.ts';
import { notFound } from '../shared/errors.ts';
import type { ArticleInput } from './articles.input.ts';
import { findRevisionRow, tagNamesByIds } from './articles.newsroom.repo.ts';
import { listRevisionRows } from './articles.repo.ts';
import type { Article, ArticleStatus, CommentMode } from './articles.types.ts';
import type { StaffActor, StoryWorkflow } from './articles.workflow.ts';
import { inlineText, type BlockNode, type Doc } from './document.ts';
import { diffBlocks, diffWords, type BlockDiff, type DiffPart } from './text-diff.ts';

/** A revision is a full snapshot of the article row as saved, plus its tag and byline ids when that save set them. */
export interface RevisionSnapshot {
  headline: string;
  dek: string;
  dateline: string;
  body: Doc;
  slug: string;
  status: ArticleStatus;
  section_id: number | null;
  featured_image_id: number | null;
  credit: string;
  language: string;
  published_at: string | null;
  comment_mode: CommentMode;
  canonical_url: string;
  seo_title: string;
  seo_description: string;
  social_title: string;
  social_description: string;
  version: number;
  tagIds?: number[];
  personIds?: number[];
}

export interface RevisionInfo {
  version: number;
  actor: string;
  createdAt: Date;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface RevisionDiff {
  from: number;
  to: number;
  headline: DiffPart[];
  dek: DiffPart[];
  body: BlockDiff[];
  fields: FieldChange[];
}

/** Each block as one line, marked by its kind, so a paragraph turned subheading shows as a change. */
export function blockLines(doc: Doc): string[] {
  const out: string[] = [];
  const each = (b: BlockNode) => {
    switch (b.type) {
      case 'paragraph':
        return out.push(inlineText(b.content));
      case 'heading':
        return out.push(`${'#'.repeat(b.attrs.level)} ${inlineText(b.content)}`);
      case 'blockquote':
        return b.content.forEach((p) => out.push(`> ${inlineText(p.content)}`));
      case 'pullQuote':
        b.content.forEach((p) => out.push(`» ${inlineText(p.content)}`));
        return b.attrs?.attribution ? out.push(`» — ${b.attrs.attribution}`) : 0;
      case 'bulletList':
      case 'orderedList':
        return b.content.forEach((li, i) => li.content.forEach((p) => out.push(`${b.type === 'bulletList' ? '•' : `${i + 1}.`} ${inlineText(p.content)}`)));
      case 'image':
        return out.push(`[image ${b.attrs.imageId}${b.attrs.caption ? `: ${b.attrs.caption}` : ''}]`);
      case 'horizontalRule':
        return out.push('———');
      case 'embed':
        return out.push(`[embed ${b.attrs.url}${b.attrs.caption ? `: ${b.attrs.caption}` : ''}]`);
      case 'table':
        // One line a row, so an edited cell shows as a changed row.
        if (b.attrs?.caption) out.push(`[table: ${b.attrs.caption}]`);
        return b.content.forEach((r) => out.push(`| ${r.content.map((c) => c.content.map((p) => inlineText(p.content)).join(' ')).join(' | ')} |`));
      default:
        return 0;
    }
  };
  for (const b of doc.content) each(b);
  return out;
}

const FIELDS: Array<[keyof RevisionSnapshot, string]> = [
  ['dateline', 'Dateline'], ['status', 'Status'], ['published_at', 'Publish time'], ['slug', 'Slug'],
  ['section_id', 'Section'], ['featured_image_id', 'Featured image'], ['credit', 'Credit'], ['language', 'Language'],
  ['comment_mode', 'Comments'], ['canonical_url', 'Canonical URL'], ['seo_title', 'SEO title'],
  ['seo_description', 'SEO description'], ['social_title', 'Social title'], ['social_description', 'Social description'],
  ['tagIds', 'Tags'], ['personIds', 'Bylines'],
];

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : String(v));

/** A readable diff between two snapshots: words in headline, dek and body, then each other field that changed. */
export function diffSnapshots(a: RevisionSnapshot, b: RevisionSnapshot): RevisionDiff {
  const fields: FieldChange[] = [];
  for (const [key, label] of FIELDS) {
    // Tag and byline ids are only in snapshots of saves that set them.
    if ((key === 'tagIds' || key === 'personIds') && (a[key] === undefined || b[key] === undefined)) continue;
    const before = show(a[key]);
    const after = show(b[key]);
    if (before !== after) fields.push({ field: label, before, after });
  }
  return {
    from: a.version,
    to: b.version,
    headline: diffWords(a.headline, b.headline),
    dek: diffWords(a.dek, b.dek),
    body: diffBlocks(blockLines(a.body), blockLines(b.body)),
    fields,
  };
}

/** Revision history of a story: list, read, diff, and restore (a new save of an old snapshot). */
export class RevisionsService {
  constructor(private readonly deps: { db: Db; workflow: StoryWorkflow }) {}

  private get db() {
    return this.deps.db.kysely;
  }

  async list(staff: StaffActor, articleId: number): Promise<RevisionInfo[]> {
    await this.deps.workflow.open(staff, articleId);
    const rows = await listRevisionRows(this.db, articleId);
    return rows.map((r) => ({ version: r.version, actor: r.actor, createdAt: new Date(r.created_at) }));
  }

  async snapshot(staff: StaffActor, articleId: number, version: number): Promise<RevisionSnapshot> {
    await this.deps.workflow.open(staff, articleId);
    const row = await findRevisionRow(this.db, articleId, version);
    if (!row) throw notFound(`revision ${version} of article ${articleId}`);
    return JSON.parse(row.snapshot) as RevisionSnapshot;
  }

  async diff(staff: StaffActor, articleId: number, from: number, to: number): Promise<RevisionDiff> {
    const [a, b] = await Promise.all([this.snapshot(staff, articleId, from), this.snapshot(staff, articleId, to)]);
    return diffSnapshots(a, b);
  }

  /**
   * Restores the words and settings of an old revision as a new save
   * (so history only grows). Status and publish time are left as they are:
   * restoring an old draft must not unpublish a live story by surprise.
   * `expectedVersion` is the version the editor is looking at.
   */
  async restore(staff: StaffActor, articleId: number, version: number, expectedVersion: number): Promise<Article> {
    const s = await this.snapshot(staff, articleId, version);
    const input: ArticleInput = {
      headline: s.headline,
      dek: s.dek,
      dateline: s.dateline,
      body: s.body,
      credit: s.credit,
      language: s.language,
      section: s.section_id,
      featuredImageId: s.featured_image_id,
      commentMode: s.comment_mode,
      canonicalUrl: s.canonical_url,
      seoTitle: s.seo_title,
      seoDescription: s.seo_description,
      socialTitle: s.social_title,
      socialDescription: s.social_description,
      version: expectedVersion,
    };
    if (s.tagIds) {
      const names = await tagNamesByIds(this.db, s.tagIds);
      input.tags = s.tagIds.map((id) => names.get(id)).filter((n): n is string => n !== undefined);
    }
    if (s.personIds) input.bylines = s.personIds;
    return this.deps.workflow.save(staff, articleId, input);
  }
}
