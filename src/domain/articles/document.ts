import { BUILT_IN_EMBEDS, MAX_EMBED_URL, type EmbedProviders } from '../embeds/index.ts';
import { validationError, type FieldProblem } from '../shared/errors.ts';
import { checkTable, type TableNode } from './document-table.ts';

export * from './document-table.ts';
export * from './document-text.ts';

/**
 * The story body: the editor's JSON document (TipTap / ProseMirror shape),
 * stored as is and rendered by us on the server. Only the node and mark
 * types below exist; anything else is refused on input, never passed through.
 */
export type Mark = { type: 'bold' } | { type: 'italic' } | { type: 'code' } | { type: 'link'; attrs: { href: string } };

export interface TextNode {
  type: 'text';
  text: string;
  marks?: Mark[];
}
export interface HardBreakNode {
  type: 'hardBreak';
}
export type InlineNode = TextNode | HardBreakNode;

export interface ParagraphNode {
  type: 'paragraph';
  content?: InlineNode[];
}
export interface HeadingNode {
  type: 'heading';
  attrs: { level: 2 | 3 | 4 };
  content?: InlineNode[];
}
export interface BlockquoteNode {
  type: 'blockquote';
  content: ParagraphNode[];
}
/** A pull quote repeats a line of the story in large type, with its speaker. */
export interface PullQuoteNode {
  type: 'pullQuote';
  attrs: { attribution?: string };
  content: ParagraphNode[];
}
export interface ListItemNode {
  type: 'listItem';
  content: ParagraphNode[];
}
export interface ListNode {
  type: 'bulletList' | 'orderedList';
  content: ListItemNode[];
}
export interface ImageNode {
  type: 'image';
  attrs: { imageId: number; alt?: string; caption?: string; credit?: string };
}
export interface RuleNode {
  type: 'horizontalRule';
}
/**
 * A third party's post, video, track or map (src/domain/embeds/providers.ts
 * says which). `url` is the address as the provider table rebuilt it; title
 * and thumbnail are fetched once on save (EmbedPreviews); `player` is kept
 * only for configured oEmbed providers, whose player address their oEmbed
 * answer names.
 */
export interface EmbedNode {
  type: 'embed';
  attrs: { url: string; title?: string; caption?: string; thumbnailId?: number; player?: string };
}
export type BlockNode = ParagraphNode | HeadingNode | BlockquoteNode | PullQuoteNode | ListNode | ImageNode | RuleNode | EmbedNode | TableNode;

export interface Doc {
  type: 'doc';
  content: BlockNode[];
}

export const MAX_DOC_NODES = 20_000;
const MAX_TEXT = 200_000;

/** Links in a body: web, mail and site-relative only (no javascript:, data:, vbscript:). */
export function isSafeHref(href: string): boolean {
  if (typeof href !== 'string' || href.length > 2048) return false;
  if (/[\u0000-\u001f\u007f]/.test(href)) return false;
  if (href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\')) return true;
  if (href.startsWith('#')) return true;
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:';
  } catch {
    return false;
  }
}

class DocValidator {
  problems: FieldProblem[] = [];
  nodes = 0;
  textLength = 0;

  constructor(
    private readonly field: string,
    private readonly embeds: EmbedProviders,
  ) {}

  fail(path: string, message: string): void {
    if (this.problems.length < 20) this.problems.push({ field: `${this.field}${path}`, message });
  }

  isObj(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }

  inline(v: unknown, path: string): void {
    this.nodes++;
    if (!this.isObj(v)) return this.fail(path, 'must be an object');
    if (v.type === 'hardBreak') return;
    if (v.type !== 'text') return this.fail(`${path}.type`, `unknown inline node "${String(v.type)}"`);
    if (typeof v.text !== 'string' || v.text.length === 0) return this.fail(`${path}.text`, 'must be a non-empty string');
    this.textLength += v.text.length;
    if (v.marks === undefined) return;
    if (!Array.isArray(v.marks)) return this.fail(`${path}.marks`, 'must be an array');
    v.marks.forEach((m, i) => this.mark(m, `${path}.marks[${i}]`));
  }

  mark(m: unknown, path: string): void {
    if (!this.isObj(m)) return this.fail(path, 'must be an object');
    if (m.type === 'bold' || m.type === 'italic' || m.type === 'code') return;
    if (m.type !== 'link') return this.fail(`${path}.type`, `unknown mark "${String(m.type)}"`);
    const href = this.isObj(m.attrs) ? m.attrs.href : undefined;
    if (typeof href !== 'string' || !isSafeHref(href)) {
      this.fail(`${path}.attrs.href`, 'must be an http(s), mailto or site-relative URL');
    }
  }

  inlines(content: unknown, path: string): void {
    if (content === undefined) return;
    if (!Array.isArray(content)) return this.fail(`${path}.content`, 'must be an array');
    content.forEach((c, i) => this.inline(c, `${path}.content[${i}]`));
  }

  paragraphs(content: unknown, path: string, min = 1): void {
    if (!Array.isArray(content) || content.length < min) return this.fail(`${path}.content`, `must hold at least ${min} paragraph`);
    content.forEach((c, i) => {
      const p = `${path}.content[${i}]`;
      this.nodes++;
      if (!this.isObj(c) || c.type !== 'paragraph') return this.fail(p, 'must be a paragraph');
      this.inlines(c.content, p);
    });
  }

  /** The address must be one the provider table knows; it is stored as the table rebuilt it. */
  embed(v: Record<string, unknown>, path: string): void {
    const a = this.isObj(v.attrs) ? v.attrs : {};
    const url = typeof a.url === 'string' && a.url.length <= MAX_EMBED_URL ? a.url : null;
    const target = url === null ? null : this.embeds.match(url);
    if (!target) return this.fail(`${path}.attrs.url`, `must be the address of a post, video, track or map from ${this.embeds.names()}`);
    a.url = target.url;
    for (const [k, max] of [['title', 300], ['caption', 1000]] as const) {
      if (a[k] !== undefined && (typeof a[k] !== 'string' || (a[k] as string).length > max)) this.fail(`${path}.attrs.${k}`, `must be a string of at most ${max} characters`);
    }
    if (a.thumbnailId !== undefined && a.thumbnailId !== null && (!Number.isInteger(a.thumbnailId) || (a.thumbnailId as number) <= 0)) {
      this.fail(`${path}.attrs.thumbnailId`, 'must be the id of an uploaded image');
    }
    if (a.thumbnailId === null) delete a.thumbnailId;
    // A built-in provider's player is rebuilt from the address; only a configured one's is kept.
    if (target.player) delete a.player;
    if (a.player !== undefined && (typeof a.player !== 'string' || this.embeds.playerFor(target, a.player) === null)) {
      this.fail(`${path}.attrs.player`, `must be an https address on ${target.provider.frameOrigin}`);
    }
    for (const k of Object.keys(a)) if (!['url', 'title', 'caption', 'thumbnailId', 'player'].includes(k)) delete a[k];
    v.attrs = a;
  }

  block(v: unknown, path: string): void {
    this.nodes++;
    if (this.nodes > MAX_DOC_NODES) return;
    if (!this.isObj(v)) return this.fail(path, 'must be an object');
    switch (v.type) {
      case 'paragraph':
        return this.inlines(v.content, path);
      case 'heading': {
        const level = this.isObj(v.attrs) ? v.attrs.level : undefined;
        if (level !== 2 && level !== 3 && level !== 4) this.fail(`${path}.attrs.level`, 'must be 2, 3 or 4 (the headline is the only level 1)');
        return this.inlines(v.content, path);
      }
      case 'blockquote':
        return this.paragraphs(v.content, path);
      case 'pullQuote':
        if (v.attrs !== undefined && (!this.isObj(v.attrs) || (v.attrs.attribution !== undefined && typeof v.attrs.attribution !== 'string'))) {
          this.fail(`${path}.attrs.attribution`, 'must be a string');
        }
        return this.paragraphs(v.content, path);
      case 'bulletList':
      case 'orderedList':
        if (!Array.isArray(v.content) || v.content.length === 0) return this.fail(`${path}.content`, 'must hold list items');
        v.content.forEach((li, i) => {
          const p = `${path}.content[${i}]`;
          this.nodes++;
          if (!this.isObj(li) || li.type !== 'listItem') return this.fail(p, 'must be a listItem');
          this.paragraphs(li.content, p);
        });
        return;
      case 'image': {
        const a = this.isObj(v.attrs) ? v.attrs : {};
        if (!Number.isInteger(a.imageId) || (a.imageId as number) <= 0) this.fail(`${path}.attrs.imageId`, 'must be the id of an uploaded image');
        for (const k of ['alt', 'caption', 'credit'] as const) {
          if (a[k] !== undefined && (typeof a[k] !== 'string' || (a[k] as string).length > 1000)) this.fail(`${path}.attrs.${k}`, 'must be a string of at most 1000 characters');
        }
        return;
      }
      case 'horizontalRule':
        return;
      case 'embed':
        return this.embed(v, path);
      case 'table':
        return checkTable(this, v, path);
      default:
        return this.fail(`${path}.type`, `unknown block node "${String(v.type)}"`);
    }
  }
}

/** Checks an untrusted document; throws a 422 naming each bad node by its path. */
export function parseDoc(value: unknown, field = 'body', embeds: EmbedProviders = BUILT_IN_EMBEDS): Doc {
  const v = new DocValidator(field, embeds);
  if (!v.isObj(value) || value.type !== 'doc' || !Array.isArray(value.content)) {
    throw validationError([{ field, message: 'must be a document: {"type":"doc","content":[...]}' }]);
  }
  value.content.forEach((b, i) => v.block(b, `.content[${i}]`));
  if (v.nodes > MAX_DOC_NODES) v.fail('', `has more than ${MAX_DOC_NODES} nodes`);
  if (v.textLength > MAX_TEXT) v.fail('', `has more than ${MAX_TEXT} characters of text`);
  if (v.problems.length) throw validationError(v.problems);
  return value as unknown as Doc;
}

export function emptyDoc(): Doc {
  return { type: 'doc', content: [] };
}
