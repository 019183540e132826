import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { SiteContext } from '../context.ts';
import { sectionPath } from '../paths.ts';
import { raw } from '../render/raw.ts';
import { Head, type PageMeta } from './head.tsx';

export interface LayoutOptions {
  /** The section whose tab is marked current in the navigation. */
  currentSectionId?: number | null;
  /** On the home page the masthead name is the page's one h1. */
  brandIsHeading?: boolean;
  isHome?: boolean;
}

/** A whole HTML document for one page. */
export function renderPage(ctx: SiteContext, meta: PageMeta, content: ComponentChildren, opts: LayoutOptions = {}): string {
  // Site chrome keeps the edition's language when a story is in another one.
  const chrome = meta.lang === ctx.settings.language ? {} : { lang: ctx.settings.language, dir: ctx.siteDir };
  // Masthead and footer are the same on most pages of a generation: rendered once, kept as markup.
  const chromeKey = `${chrome.lang ?? ''}:${chrome.dir ?? ''}`;
  const masthead = ctx.fragment(`masthead:${opts.brandIsHeading ? 1 : 0}:${opts.isHome ? 1 : 0}:${opts.currentSectionId ?? ''}:${chromeKey}`, () =>
    renderToString(<Masthead ctx={ctx} opts={opts} chrome={chrome} />),
  );
  const footer = ctx.fragment(`footer:${chromeKey}`, () => renderToString(<Footer ctx={ctx} chrome={chrome} />));
  return (
    '<!doctype html>' +
    renderToString(
      <html lang={meta.lang} dir={meta.dir}>
        <Head ctx={ctx} meta={meta} />
        <body>
          <a class="skip-link" href="#main" {...chrome}>
            Skip to content
          </a>
          {raw(masthead)}
          <main id="main" class="page" tabindex={-1}>
            {content}
          </main>
          {raw(footer)}
        </body>
      </html>,
    )
  );
}

type Chrome = { lang?: string; dir?: 'ltr' | 'rtl' };

function Masthead({ ctx, opts, chrome }: { ctx: SiteContext; opts: LayoutOptions; chrome: Chrome }) {
  const Brand = opts.brandIsHeading ? 'h1' : 'p';
  return (
    <header class="masthead" {...chrome}>
      <div class="masthead-inner">
        <Brand class="brand">
          <a href="/" rel="home">
            {ctx.settings.logoUrl.startsWith('/') ? <img class="brand-logo" src={ctx.settings.logoUrl} alt={ctx.settings.name} /> : ctx.settings.name}
          </a>
        </Brand>
        {ctx.settings.tagline ? <p class="tagline">{ctx.settings.tagline}</p> : null}
        <form class="search" role="search" action="/search" method="get">
          <label for="site-search" class="visually-hidden">
            Search stories
          </label>
          <input id="site-search" name="q" type="search" placeholder="Search" maxLength={200} />
          <button type="submit">Search</button>
        </form>
      </div>
      <nav class="sections-nav" aria-label="Sections">
        <ul>
          <li>
            <a href="/" aria-current={opts.isHome ? 'page' : undefined}>
              Home
            </a>
          </li>
          {ctx.nav.map((s) => (
            <li>
              <a href={sectionPath(s.slug)} aria-current={opts.currentSectionId === s.id ? 'page' : undefined}>
                {s.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

function Footer({ ctx, chrome }: { ctx: SiteContext; chrome: Chrome }) {
  return (
    <footer class="site-footer" {...chrome}>
      <div class="footer-inner">
        <p class="footer-name">{ctx.settings.name}</p>
        {ctx.settings.tagline ? <p>{ctx.settings.tagline}</p> : null}
        {ctx.footerPages.length ? (
          <nav class="footer-links footer-pages" aria-label="About this site">
            <ul>
              {ctx.footerPages.map((p) => (
                <li>
                  <a href={`/${p.slug}`}>{p.title}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <nav class="footer-links" aria-label="Feeds and sitemap">
          <ul>
          <li>
            <a href="/feed.xml">RSS</a>
          </li>
          <li>
            <a href="/atom.xml">Atom</a>
          </li>
          <li>
            <a href="/feed.json">JSON Feed</a>
          </li>
          <li>
            <a href="/sitemap.xml">Sitemap</a>
          </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
