import { pictureIdsOf, type Article, type LatestLoader } from '../../domain/articles/index.ts';
import { cacheTag } from '../../domain/changes/index.ts';
import { bestJpeg, mediaUrl } from '../../domain/media/index.ts';
import type { HttpDeps } from '../deps.ts';
import { absoluteUrl, loadSiteContext, type SiteAssets, type SiteContext } from './context.ts';
import type { Rendered } from './page-cache.ts';
import type { CommentOrder } from './comments/comments-section.tsx';
import { loadCommentsSection } from './comments/load.ts';
import { storyPath } from './paths.ts';
import { cspWithFrames } from '../security-headers.ts';
import { renderDocument } from './render/document.ts';
import { embedFrameOrigins } from './render/embed.ts';
import { newsArticleJsonLd } from './render/json-ld.ts';
import { figureHtml } from './render/picture.ts';
import { shownTime } from './render/time.ts';
import { CHROME_TAGS, relatedSourceTags, storyTags, summariesTags } from './page-tags.ts';
import { html, Redirect } from './respond.ts';
import { siteFeeds, type PageMeta } from './templates/head.tsx';
import { renderPage } from './templates/layout.tsx';
import { LEAD_IMAGE_SIZES } from './templates/parts.tsx';
import { NotFoundView, StoryView, WithdrawnView } from './templates/story.tsx';

/** `TEHRAN –`: the city in capitals of the story's own language (Turkish İ, Greek accents), then an en dash. */
export function formatDateline(dateline: string, language: string): string {
  const place = dateline.trim();
  if (!place) return '';
  let upper: string;
  try {
    upper = place.toLocaleUpperCase(language);
  } catch {
    upper = place.toUpperCase();
  }
  return `${upper} –`;
}

/**
 * One story page, or its 404/410 page. Throws Redirect when the slug in the
 * URL is not the story's own (an old or mistyped one).
 */
export async function renderStoryPage(deps: HttpDeps, assets: SiteAssets, id: number, slug: string | null, order: CommentOrder = 'oldest'): Promise<Rendered> {
  const found = await deps.queries.findPublic(id);
  // Tagged with the story, so that publishing it (or a new story taking this id) purges the error page.
  if (found.state !== 'visible') return renderErrorPage(deps, assets, found.state === 'gone' ? 410 : 404, [cacheTag.story(id)]);
  const a = found.article;
  if (a.slug !== slug) throw new Redirect(storyPath(a));
  const [ctx, related, comments] = await Promise.all([loadSiteContext(deps, assets), deps.queries.related(a, 4, latestMemo(deps)), loadCommentsSection(deps, a, order)]);
  const tz = ctx.settings.timeZone;
  const bodyHtml = renderDocument(a.body, { images: a.bodyImages, dateline: formatDateline(a.dateline, a.language), siteUrl: ctx.siteUrl, lang: a.language, embeds: deps.embeds });
  const frames = embedFrameOrigins(a.body, deps.embeds);
  const img = a.featuredImage;
  const leadHtml = img ? figureHtml(img, { className: 'lead-image', alt: img.alt, caption: img.caption, credit: img.credit, sizes: LEAD_IMAGE_SIZES, eager: true, lang: a.language }) : '';
  const page = renderPage(ctx, storyMeta(a, ctx), <StoryView article={a} related={related} leadHtml={leadHtml} bodyHtml={bodyHtml} embedScript={frames.length ? assets.embeds : undefined} tz={tz} comments={{ ...comments, fragment: ctx.fragment }} fragment={ctx.fragment} />, {
    currentSectionId: topSectionOf(ctx, a.section?.id ?? null),
  });
  const rendered = html(page, a.updatedAt, [...CHROME_TAGS, ...storyTags(a), ...relatedSourceTags(a), ...summariesTags(related)]);
  return frames.length ? { ...rendered, headers: { 'content-security-policy': cspWithFrames(frames) } } : rendered;
}

/** Each tag's and section's newest stories, kept for the content generation: most stories share them. */
function latestMemo(deps: HttpDeps): LatestLoader {
  return (filter, limit) => {
    const key = 'tagId' in filter ? `latest:t${filter.tagId}:${limit}` : `latest:s${filter.sectionId}:${limit}`;
    return deps.pageCache.memo(key, () => deps.queries.latestPublic(filter, limit));
  };
}

/** The top-level section a story sits under, for the navigation tab. */
function topSectionOf(ctx: SiteContext, id: number | null): number | null {
  let cur = ctx.sections.find((s) => s.id === id);
  for (let n = 0; cur && cur.parentId !== null && n < 50; n++) cur = ctx.sections.find((s) => s.id === cur!.parentId);
  return cur?.id ?? null;
}

function storyMeta(a: Article, ctx: SiteContext): PageMeta {
  const tz = ctx.settings.timeZone;
  const canonical = a.canonicalUrl || ctx.siteUrl + storyPath(a);
  const description = a.seoDescription || a.dek;
  const socialTitle = a.socialTitle || a.headline;
  const socialDescription = a.socialDescription || description;
  const firstPicture = pictureIdsOf(a.body)[0];
  const lead = a.featuredImage ?? (firstPicture !== undefined ? a.bodyImages.get(firstPicture) : undefined) ?? null;
  const leadVariant = lead ? bestJpeg(lead) : undefined;
  const image = lead && leadVariant ? absoluteUrl(ctx, mediaUrl(lead, leadVariant.file)) : '';
  const properties: Array<[string, string]> = [
    ['og:type', 'article'],
    ['og:site_name', ctx.settings.name],
    ['og:title', socialTitle],
    ['og:description', socialDescription],
    ['og:url', canonical],
    ['og:locale', a.language.replace('-', '_')],
  ];
  if (image && lead && leadVariant) {
    properties.push(['og:image', image], ['og:image:width', String(leadVariant.width)], ['og:image:height', String(leadVariant.height)]);
    if (lead.alt) properties.push(['og:image:alt', lead.alt]);
  }
  if (a.publishedAt) properties.push(['article:published_time', shownTime(a.publishedAt, tz).iso]);
  properties.push(['article:modified_time', shownTime(a.updatedAt, tz).iso]);
  if (a.section) properties.push(['article:section', a.section.name]);
  for (const t of a.tags) properties.push(['article:tag', t.name]);
  const names: Array<[string, string]> = [
    ['twitter:card', image ? 'summary_large_image' : 'summary'],
    ['twitter:title', socialTitle],
    ['twitter:description', socialDescription],
    ['robots', 'max-image-preview:large'],
  ];
  if (image) names.push(['twitter:image', image]);
  if (a.bylines.length) names.push(['author', a.bylines.map((p) => p.name).join(', ')]);
  return {
    title: `${a.seoTitle || a.headline} | ${ctx.settings.name}`,
    description,
    canonical,
    lang: a.language,
    dir: a.direction,
    properties,
    names,
    jsonLd: newsArticleJsonLd(a, ctx, canonical, description),
    feeds: siteFeeds(ctx),
  };
}

/** The 404 and 410 pages: real pages with the site around them, never a bare status. */
export async function renderErrorPage(deps: HttpDeps, assets: SiteAssets, status: 404 | 410, tags: string[] = [cacheTag.missing]): Promise<Rendered> {
  const ctx = await loadSiteContext(deps, assets);
  const title = status === 410 ? 'This story has been withdrawn' : 'Page not found';
  const meta: PageMeta = {
    title: `${title} | ${ctx.settings.name}`,
    description: '',
    canonical: '',
    lang: ctx.settings.language,
    dir: ctx.siteDir,
    properties: [],
    names: [['robots', 'noindex']],
    feeds: siteFeeds(ctx),
  };
  return html(renderPage(ctx, meta, status === 410 ? <WithdrawnView /> : <NotFoundView />), deps.clock.now(), [...CHROME_TAGS, ...tags], status);
}
