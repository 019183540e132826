import { commentError } from '../comments.errors.ts';
import { findCommentRow } from '../comments.repo.ts';
import type { PhaseContext } from '../pipeline.types.ts';

/**
 * Replies go one level deep: a reply to a reply hangs off the top comment
 * (WordPress flattens past its depth cap the same way). A parent on another
 * story, missing, or not visible to readers is refused.
 */
export async function parent(ctx: Pick<PhaseContext, 'input' | 'article' | 'db' | 'verdict'>): Promise<void> {
  const id = ctx.input.parentId;
  if (id === null) return;
  const row = await findCommentRow(ctx.db, id);
  if (!row || row.article_id !== ctx.article.id || row.status !== 'approved') {
    throw commentError('invalid_parent', 'parent_id', 'The comment you are replying to is not on this story or is not published.');
  }
  ctx.verdict.parentId = row.parent_id ?? row.id;
}
