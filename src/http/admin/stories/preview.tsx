import type { Article } from '../../../domain/articles/index.ts';
import { AppError } from '../../../domain/shared/errors.ts';
import type { HttpDeps } from '../../deps.ts';
import { loadSiteContext, siteAssets, type SiteAssets } from '../../site/context.ts';
import type { CommentsSectionProps } from '../../site/comments/comments-section.tsx';
import { loadCommentsSection } from '../../site/comments/load.ts';
import { renderDocument } from '../../site/render/document.ts';
import { figureHtml } from '../../site/render/picture.ts';
import { formatDateline } from '../../site/story.page.tsx';
import { siteFeeds, type PageMeta } from '../../site/templates/head.tsx';
import { renderPage } from '../../site/templates/layout.tsx';
import { LEAD_IMAGE_SIZES } from '../../site/templates/parts.tsx';
import { StoryView } from '../../site/templates/story.tsx';

let assets: SiteAssets | null = null;

/**
 * A draft rendered with the public story template, so the preview is what
 * readers will get. Only the head differs: no canonical, no JSON-LD, and a
 * robots noindex (the route also sends no-store and X-Robots-Tag).
 */
export async function renderPreview(deps: HttpDeps, a: Article): Promise<string> {
  assets ??= siteAssets();
  const [ctx, comments] = await Promise.all([loadSiteContext(deps, assets), previewComments(deps, a)]);
  const bodyHtml = renderDocument(a.body, { images: a.bodyImages, dateline: formatDateline(a.dateline, a.language), siteUrl: ctx.siteUrl, lang: a.language, embeds: deps.embeds });
  const img = a.featuredImage;
  const leadHtml = img ? figureHtml(img, { className: 'lead-image', alt: img.alt, caption: img.caption, credit: img.credit, sizes: LEAD_IMAGE_SIZES, eager: true, lang: a.language }) : '';
  // An unpublished draft has no publish time yet; show it as if it went out now.
  const shown: Article = { ...a, publishedAt: a.publishedAt ?? deps.clock.now() };
  const meta: PageMeta = {
    title: `Preview: ${a.seoTitle || a.headline} | ${ctx.settings.name}`,
    description: a.seoDescription || a.dek,
    canonical: '',
    lang: a.language,
    dir: a.direction,
    properties: [],
    names: [['robots', 'noindex, nofollow']],
    feeds: siteFeeds(ctx),
  };
  return renderPage(ctx, meta, <StoryView article={shown} related={[]} leadHtml={leadHtml} bodyHtml={bodyHtml} tz={ctx.settings.timeZone} comments={comments} />);
}

/**
 * The comment section as readers will get it. The public comment target
 * exists only for a published story (it is 404 for a draft, and must stay
 * so for the public routes), so an unpublished story's section takes its
 * mode from the story and the site default, as it will once published.
 */
async function previewComments(deps: HttpDeps, a: Article): Promise<CommentsSectionProps> {
  try {
    return await loadCommentsSection(deps, a);
  } catch (e) {
    if (!(e instanceof AppError && e.status === 404)) throw e;
  }
  const [comments, site] = await Promise.all([deps.comments.listForArticle(a.id), deps.settings.get()]);
  const mode = a.commentMode === 'default' ? site.commentDefault : a.commentMode;
  const closed = mode === 'closed' ? 'Comments are closed on this story.' : null;
  return { article: a, comments, order: 'oldest', target: { id: a.id, slug: a.slug, headline: a.headline, closed, mode }, tz: site.timeZone, lang: a.language, form: null, challenge: null, mailOn: deps.config.smtpUrl !== null };
}
