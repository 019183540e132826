import { commentError } from '../comments.errors.ts';
import type { PhaseContext } from '../pipeline.types.ts';

const DAY_MS = 86_400_000;

/** The story's mode (`default` follows the site), and the site's "close after N days". */
export function effectiveMode(commentMode: string, siteDefault: PhaseContext['siteDefaultMode']): 'open' | 'premoderated' | 'closed' {
  if (commentMode === 'open' || commentMode === 'premoderated' || commentMode === 'closed') return commentMode;
  return siteDefault;
}

/** Null when comments are open; else why not, in words for the reader. */
export function closedReason(ctx: Pick<PhaseContext, 'article' | 'siteDefaultMode' | 'rules' | 'now'>): string | null {
  const { article, rules, now } = ctx;
  if (effectiveMode(article.comment_mode, ctx.siteDefaultMode) === 'closed') return 'Comments are closed on this story.';
  const first = article.first_published_at ?? article.published_at;
  if (rules.closeAfterDays > 0 && first && now.getTime() - Date.parse(first) > rules.closeAfterDays * DAY_MS) {
    return `Comments close ${rules.closeAfterDays} days after a story is published.`;
  }
  return null;
}

export function storyOpen(ctx: Pick<PhaseContext, 'article' | 'siteDefaultMode' | 'rules' | 'now'>): void {
  const why = closedReason(ctx);
  if (why) throw commentError('comments_closed', 'body', why);
}
