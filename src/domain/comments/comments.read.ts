import type { CommentRow } from '../../storage/schema.ts';
import type { Comment, CommentStatus, HoldReason, PublicComment, ThreadedComment } from './comments.types.ts';

export function publicFromRow(r: CommentRow): PublicComment {
  return {
    id: r.id,
    articleId: r.article_id,
    parentId: r.parent_id,
    authorName: r.author_name,
    authorUrl: r.author_url,
    body: r.body,
    createdAt: new Date(r.created_at),
  };
}

export function commentFromRow(r: CommentRow): Comment {
  return {
    ...publicFromRow(r),
    authorEmail: r.author_email,
    emailHash: r.email_hash,
    ipHash: r.ip_hash,
    status: r.status as CommentStatus,
    heldReasons: JSON.parse(r.held_reasons) as HoldReason[],
    notify: r.notify === 1,
    flagCount: r.flag_count,
    updatedAt: new Date(r.updated_at),
    moderatedAt: r.moderated_at ? new Date(r.moderated_at) : null,
    moderatedBy: r.moderated_by,
  };
}

/**
 * One level of replies under each top-level comment. Replies always read
 * oldest first (a conversation); `newest` reverses only the top level.
 * A reply whose parent is not published is not shown either.
 */
export function threadComments(rows: CommentRow[], order: 'oldest' | 'newest'): { threads: ThreadedComment[]; count: number } {
  const top: ThreadedComment[] = [];
  const byId = new Map<number, ThreadedComment>();
  for (const r of rows) {
    if (r.parent_id !== null) continue;
    const t = { ...publicFromRow(r), replies: [] };
    top.push(t);
    byId.set(t.id, t);
  }
  let count = top.length;
  for (const r of rows) {
    if (r.parent_id === null) continue;
    const p = byId.get(r.parent_id);
    if (p) {
      p.replies.push(publicFromRow(r));
      count++;
    }
  }
  if (order === 'newest') top.reverse();
  return { threads: top, count };
}
