import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { directionOf } from '../../domain/articles/index.ts';
import type { MenuEntry } from '../../domain/pages/index.ts';
import type { Section } from '../../domain/sections/index.ts';
import type { SiteSettings } from '../../domain/settings/index.ts';
import type { HttpDeps } from '../deps.ts';
import type { Fragments } from './page-cache.ts';

export interface SiteAssets {
  css: string;
  favicon: string;
  /** The click-to-play script of embed facades, on pages that show one. */
  embeds: string;
}

/**
 * Static asset URLs carry a hash of their bytes, so a CDN or browser may
 * keep them as long as it likes: a new stylesheet is a new URL. Two small
 * files, hashed once when the site is created.
 */
export function siteAssets(publicDir = path.resolve(import.meta.dirname, '../../../public')): SiteAssets {
  const versioned = (file: string) => {
    const hash = createHash('sha1').update(fs.readFileSync(path.join(publicDir, file))).digest('base64url').slice(0, 10);
    return `/static/${file}?v=${hash}`;
  };
  return { css: versioned('site.css'), favicon: versioned('favicon.svg'), embeds: versioned('embeds.js') };
}

/** What every page template needs besides its own content. */
export interface SiteContext {
  settings: SiteSettings;
  siteUrl: string;
  siteDir: 'ltr' | 'rtl';
  assets: SiteAssets;
  /** Every section, in the newsroom's order. */
  sections: Section[];
  /** Top-level sections: the masthead navigation. */
  nav: Section[];
  /** Public static pages in the footer menu, in the editors' order. */
  footerPages: MenuEntry[];
  /**
   * Shared markup kept for the content generation in which this context was
   * loaded. A page loads its context before (or with) its other reads, so a
   * fragment is never kept from data older than the generation it is kept for.
   */
  fragment: Fragments;
}

export async function loadSiteContext(deps: HttpDeps, assets: SiteAssets): Promise<SiteContext> {
  const fragment = deps.pageCache.fragments();
  // The section list is the same on every page until a change is applied (any purge drops the memo).
  const [settings, sections, footerPages] = await Promise.all([
    deps.settings.get(),
    deps.pageCache.memo('sections', () => deps.sections.list()),
    deps.pageCache.memo('footer-pages', () => deps.pages.menu()),
  ]);
  return {
    settings,
    siteUrl: deps.config.siteUrl,
    siteDir: directionOf(settings.language),
    assets,
    sections,
    nav: sections.filter((s) => s.parentId === null),
    footerPages,
    fragment,
  };
}

/** Site-relative paths hang off SITE_URL (which may have a path of its own); absolute http(s) URLs pass. */
export function absoluteUrl(ctx: { siteUrl: string }, pathOrUrl: string): string {
  if (pathOrUrl.startsWith('/') && !pathOrUrl.startsWith('//')) return ctx.siteUrl + pathOrUrl;
  return /^https?:\/\/[^\s]+$/i.test(pathOrUrl) ? pathOrUrl : '';
}
