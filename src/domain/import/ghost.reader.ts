import fs from 'node:fs';
import { JsonReader, type JsonChoice, type JsonKey, type JsonKind, type JsonVisitor } from './json-stream.ts';
import { ImportFormatError } from './xml-stream.ts';

/**
 * Reading a Ghost export without holding it: `{"db":[{"meta":…,"data":{"posts":[…],"tags":[…],…}}]}`
 * (Ghost 2–5; some tools write `{"data":{…}}` bare). Its relations
 * (posts_tags, posts_authors, posts_meta) may come after the posts, so the
 * file is read twice: `readGhostTables` keeps the small tables and proves the
 * whole file well-formed before anything is written; `streamGhostPosts` then
 * hands the posts over one at a time.
 */
export type Row = Record<string, unknown>;

export const str = (v: unknown) => (typeof v === 'string' ? v : v == null || typeof v === 'object' ? '' : String(v));

export interface GhostTables {
  users: { id: string; slug: string; email: string; name: string }[];
  tags: { id: string; slug: string; name: string; description: string }[];
  /** Ghost 5 keeps a featured image's alt text and caption in posts_meta. */
  meta: Map<string, { alt: string; caption: string }>;
  /** Tag and author ids of each post, in Ghost's sort order (the first tag is the primary one). */
  postTags: Map<string, string[]>;
  postAuthors: Map<string, string[]>;
}

const SMALL = new Set(['users', 'tags', 'posts_meta', 'posts_tags', 'posts_authors']);

/** The path inside the export's `data`, 'outer' for the containers around it, null for anything else. */
function inData(path: readonly JsonKey[]): readonly JsonKey[] | 'outer' | null {
  if (path.length === 0) return 'outer';
  if (path[0] === 'data') return path.slice(1);
  if (path[0] !== 'db') return null;
  if (path.length === 1 || (path.length === 2 && path[1] === 0)) return 'outer';
  return path[1] === 0 && path[2] === 'data' ? path.slice(3) : null;
}

/** Which tables a pass takes, row by row; what the pass saw of the export's shape. */
function visitor(tables: Set<string>, onRow: (table: string, row: Row, byteOffset: () => number) => void) {
  const seen = { posts: false };
  const choose = (path: readonly JsonKey[], kind: JsonKind): JsonChoice => {
    const at = inData(path);
    if (at === 'outer') return 'enter';
    if (!at) return 'skip';
    if (at.length === 0) return 'enter';
    if (at.length === 1) {
      if (at[0] === 'posts' && kind === 'array') seen.posts = true;
      return tables.has(String(at[0])) ? 'enter' : 'skip';
    }
    return at.length === 2 && kind === 'object' && tables.has(String(at[0])) ? 'take' : 'skip';
  };
  const take = (path: readonly JsonKey[], value: unknown, byteOffset: () => number) => {
    const at = inData(path);
    if (at && at !== 'outer') onRow(String(at[0]), value as Row, byteOffset);
  };
  return { seen, visitor: { choose, take } };
}

/** First pass: the small tables, and the proof that the file is a whole Ghost export (else `line N, column C: why`). */
export async function readGhostTables(file: string): Promise<GhostTables> {
  const t: GhostTables = { users: [], tags: [], meta: new Map(), postTags: new Map(), postAuthors: new Map() };
  const joins: Record<'posts_tags' | 'posts_authors', [post: string, other: string, order: number][]> = { posts_tags: [], posts_authors: [] };
  const { seen, visitor: v } = visitor(SMALL, (table, r) => {
    if (table === 'users') t.users.push({ id: str(r.id), slug: str(r.slug), email: str(r.email), name: str(r.name) });
    else if (table === 'tags') t.tags.push({ id: str(r.id), slug: str(r.slug), name: str(r.name), description: str(r.description) });
    else if (table === 'posts_meta') t.meta.set(str(r.post_id), { alt: str(r.feature_image_alt), caption: str(r.feature_image_caption) });
    else if (table === 'posts_tags') joins.posts_tags.push([str(r.post_id), str(r.tag_id), Number(r.sort_order ?? 0) || 0]);
    else if (table === 'posts_authors') joins.posts_authors.push([str(r.post_id), str(r.author_id), Number(r.sort_order ?? 0) || 0]);
  });
  await streamJson(file, v);
  if (!seen.posts) throw new ImportFormatError('not a Ghost export: no db[0].data.posts');
  byPost(joins.posts_tags, t.postTags);
  byPost(joins.posts_authors, t.postAuthors);
  return t;
}

/** Second pass: each post (and page) row, with the byte offset where it ends; `drain` runs between chunks of the file. */
export async function streamGhostPosts(file: string, onPost: (row: Row, endsAt: number) => void, drain: () => Promise<void>): Promise<void> {
  const { visitor: v } = visitor(new Set(['posts']), (_table, row, byteOffset) => onPost(row, byteOffset()));
  await streamJson(file, v, drain);
}

function byPost(rows: [string, string, number][], into: Map<string, string[]>): void {
  rows.sort((a, b) => a[2] - b[2]);
  for (const [post, other] of rows) {
    const list = into.get(post);
    if (list) list.push(other);
    else into.set(post, [other]);
  }
}

/**
 * Streams a JSON file through a JsonReader, awaiting `drain` between chunks
 * so a slow database holds the reading back (as streamXml does for WXR).
 * Errors in the file come out as ImportFormatError with its line and column.
 */
async function streamJson(file: string, visitor: JsonVisitor, drain: () => Promise<void> = async () => undefined): Promise<void> {
  const reader = new JsonReader(visitor);
  const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  // Decoded here, so a character split between two chunks is whole in the next.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Buffer) => {
    try {
      return decoder.decode(chunk, { stream: chunk !== undefined });
    } catch {
      throw new ImportFormatError('the file is not UTF-8 text', reader.line);
    }
  };
  try {
    for await (const chunk of input) {
      reader.write(decode(chunk as Buffer));
      await drain();
    }
    reader.write(decode());
    reader.end();
  } finally {
    input.destroy();
  }
  await drain();
}
