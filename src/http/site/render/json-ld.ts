import { pictureIdsOf, type Article } from '../../../domain/articles/index.ts';
import { bestJpeg, mediaUrl } from '../../../domain/media/index.ts';
import { absoluteUrl, type SiteContext } from '../context.ts';
import { authorPath } from '../paths.ts';
import { jsonForScript } from './escape.ts';
import { shownTime } from './time.ts';

/** Absolute URLs of the story's images, lead image first: what search engines pick a thumbnail from. */
export function storyImageUrls(a: Article, ctx: SiteContext): string[] {
  const urls: string[] = [];
  // Embed thumbnails are the provider's frame grabs, not the story's pictures.
  const pictures = [...new Set(pictureIdsOf(a.body))].flatMap((id) => a.bodyImages.get(id) ?? []);
  const images = a.featuredImage ? [a.featuredImage, ...pictures.filter((i) => i.id !== a.featuredImage!.id)] : pictures;
  for (const image of images) {
    const v = bestJpeg(image);
    if (v) urls.push(absoluteUrl(ctx, mediaUrl(image, v.file)));
  }
  return urls;
}

/**
 * schema.org NewsArticle for one story (Google's article structured data),
 * with our `dateline` and times written in the edition's zone offset.
 * Returned already serialised for a script element.
 */
export function newsArticleJsonLd(a: Article, ctx: SiteContext, canonical: string, description: string): string {
  const tz = ctx.settings.timeZone;
  const logo = ctx.settings.logoUrl ? absoluteUrl(ctx, ctx.settings.logoUrl) : '';
  const author = a.bylines.length
    ? a.bylines.map((p) => ({ '@type': 'Person', name: p.name, url: ctx.siteUrl + authorPath(p.slug), ...(p.roleTitle ? { jobTitle: p.roleTitle } : {}) }))
    : [{ '@type': 'Organization', name: a.credit || ctx.settings.name }];
  const images = storyImageUrls(a, ctx);
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.headline,
    description,
    url: canonical,
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
    datePublished: a.publishedAt ? shownTime(a.publishedAt, tz).iso : undefined,
    dateModified: shownTime(a.updatedAt, tz).iso,
    author,
    publisher: { '@type': 'Organization', name: ctx.settings.name, url: ctx.siteUrl, ...(logo ? { logo: { '@type': 'ImageObject', url: logo } } : {}) },
    ...(images.length ? { image: images } : {}),
    ...(a.dateline ? { dateline: a.dateline } : {}),
    ...(a.section ? { articleSection: a.section.name } : {}),
    inLanguage: a.language,
    ...(a.tags.length ? { keywords: a.tags.map((t) => t.name) } : {}),
    wordCount: a.wordCount,
    isAccessibleForFree: true,
  };
  return jsonForScript(data);
}
