import type { HttpDeps } from '../../deps.ts';
import type { CommentOrder, CommentsSectionProps } from './comments-section.tsx';

/** `?comments=newest` flips the top level; anything else is the default, oldest first. */
export function parseCommentOrder(query: unknown): CommentOrder {
  return (query as Record<string, unknown> | undefined)?.comments === 'newest' ? 'newest' : 'oldest';
}

/**
 * Props for the section on the cached story page: the published comments
 * and whether the story takes more. No per-reader state, so the page it
 * sits in stays cacheable; an approval's change row (tagged
 * `comments:<story>`) purges it.
 */
export async function loadCommentsSection(
  deps: Pick<HttpDeps, 'comments' | 'settings' | 'config'>,
  article: { id: number; slug: string; headline: string; language: string },
  order: CommentOrder = 'oldest',
): Promise<CommentsSectionProps> {
  const [comments, target, settings] = await Promise.all([deps.comments.listForArticle(article.id, order), deps.comments.target(article.id), deps.settings.get()]);
  return { article, comments, order, target, tz: settings.timeZone, lang: article.language, form: null, challenge: null, mailOn: deps.config.smtpUrl !== null };
}
