import type { PublicComment } from '../../../domain/comments/index.ts';
import { esc } from '../render/escape.ts';

/** RSS 2.0 of a story's latest approved comments. Text only: bodies are escaped, never HTML. */
export function commentsRss(o: { siteUrl: string; siteName: string; storyUrl: string; headline: string; comments: PublicComment[] }): string {
  const items = o.comments
    .map(
      (c) =>
        `<item><title>${esc(`Comment by ${c.authorName}`)}</title><link>${esc(`${o.storyUrl}#comment-${c.id}`)}</link>` +
        `<guid isPermaLink="false">${esc(`${o.siteUrl}/comments/${c.id}`)}</guid><pubDate>${c.createdAt.toUTCString()}</pubDate>` +
        `<description>${esc(c.body)}</description></item>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${esc(`Comments on: ${o.headline}`)}</title>` +
    `<link>${esc(o.storyUrl)}</link><description>${esc(`Reader comments on a story from ${o.siteName}`)}</description>${items}</channel></rss>\n`
  );
}
