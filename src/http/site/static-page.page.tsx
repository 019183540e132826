import { cacheTag } from '../../domain/changes/index.ts';
import type { StaticPage } from '../../domain/pages/index.ts';
import type { HttpDeps } from '../deps.ts';
import { loadSiteContext, type SiteAssets } from './context.ts';
import type { Rendered } from './page-cache.ts';
import { CHROME_TAGS } from './page-tags.ts';
import { renderDocument } from './render/document.ts';
import { embedFrameOrigins } from './render/embed.ts';
import { cspWithFrames } from '../security-headers.ts';
import { html } from './respond.ts';
import { siteFeeds, type PageMeta } from './templates/head.tsx';
import { renderPage } from './templates/layout.tsx';

/** The page's address: `/{slug}` at the site's root. */
export const staticPagePath = (p: { slug: string }) => `/${p.slug}`;

/**
 * A static page: the title and the body, through the story document's
 * renderer, with no byline, date, related stories or comments. `preview`
 * renders a draft for the editor (no canonical, noindex).
 */
export async function renderStaticPage(deps: HttpDeps, assets: SiteAssets, page: StaticPage, preview = false): Promise<Rendered> {
  const ctx = await loadSiteContext(deps, assets);
  const bodyHtml = renderDocument(page.body, { images: page.bodyImages, dateline: '', siteUrl: ctx.siteUrl, lang: ctx.settings.language, embeds: deps.embeds });
  // Embeds on a page as on a story: the player's script, and a CSP letting in only these players' frames.
  const frames = embedFrameOrigins(page.body, deps.embeds);
  const meta: PageMeta = {
    title: `${preview ? 'Preview: ' : ''}${page.title} | ${ctx.settings.name}`,
    description: '',
    canonical: preview ? '' : ctx.siteUrl + staticPagePath(page),
    lang: ctx.settings.language,
    dir: ctx.siteDir,
    properties: preview ? [] : [['og:type', 'website'], ['og:title', page.title]],
    names: preview ? [['robots', 'noindex, nofollow']] : [],
    feeds: siteFeeds(ctx),
  };
  const view = (
    <article class="story static-page">
      <header class="story-header">
        <h1 class="headline">{page.title}</h1>
      </header>
      <div class="story-body" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      {frames.length ? <script src={assets.embeds} defer></script> : null}
    </article>
  );
  const images = [...page.bodyImages.keys()].map(cacheTag.image);
  const rendered = html(renderPage(ctx, meta, view), page.updatedAt, [...CHROME_TAGS, cacheTag.page(page.id), ...images]);
  return frames.length ? { ...rendered, headers: { 'content-security-policy': cspWithFrames(frames) } } : rendered;
}

/** What a 410 rule answers: the address is gone on purpose, not mistyped. */
export async function renderGonePage(deps: HttpDeps, assets: SiteAssets): Promise<Rendered> {
  const ctx = await loadSiteContext(deps, assets);
  const meta: PageMeta = { title: `Gone | ${ctx.settings.name}`, description: '', canonical: '', lang: ctx.settings.language, dir: ctx.siteDir, properties: [], names: [['robots', 'noindex']], feeds: siteFeeds(ctx) };
  const view = (
    <div class="notice">
      <h1>This page has been removed</h1>
      <p>What was at this address has been taken down on purpose and will not come back.</p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </div>
  );
  return html(renderPage(ctx, meta, view), deps.clock.now(), [...CHROME_TAGS, cacheTag.redirects], 410);
}
