import type { ArticleFilter, ArticleSummary, Page } from '../../domain/articles/index.ts';
import { bestJpeg } from '../../domain/media/index.ts';
import { AppError } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';
import { loadSiteContext, type SiteAssets, type SiteContext } from './context.ts';
import type { Rendered } from './page-cache.ts';
import { authorPath, pagedPath, sectionPath, tagPath } from './paths.ts';
import { pictureHtml } from './render/picture.ts';
import { cacheTag } from '../../domain/changes/index.ts';
import { CHROME_TAGS, summariesTags } from './page-tags.ts';
import { html, Redirect } from './respond.ts';
import { renderErrorPage } from './story.page.tsx';
import { basicMeta, sectionFeeds, type PageMeta } from './templates/head.tsx';
import { renderPage, type LayoutOptions } from './templates/layout.tsx';
import { HomeView, ListView, type ListViewProps } from './templates/lists.tsx';
import { arrangeHome, homeStoryIds } from './front-page.ts';
import { NO_CHOICES } from '../../domain/front-page/index.ts';
import { TextParagraphs } from './templates/parts.tsx';

export const PAGE_SIZE = 20;

type ListInput = Omit<ListViewProps, 'stories' | 'page' | 'pages' | 'tz' | 'lang'>;

async function pageOf(deps: HttpDeps, filter: ArticleFilter, page: number): Promise<Page<ArticleSummary> | null> {
  const result = await deps.queries.listPublic(filter, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  // Page 1 of an empty list is a real (empty) page; any later empty page does not exist.
  return page > 1 && result.items.length === 0 ? null : result;
}

/** Last-Modified of a list: the newest change among the stories shown, else the last public change. */
async function lastModifiedOf(deps: HttpDeps, items: ArticleSummary[]): Promise<Date> {
  if (items.length) return new Date(Math.max(...items.map((s) => s.updatedAt.getTime())));
  return (await deps.queries.lastChange()) ?? deps.clock.now();
}

/** `listTags`: what decides which stories the list holds, and the names and pictures in its head. */
async function renderList(deps: HttpDeps, ctx: SiteContext, result: Page<ArticleSummary>, page: number, meta: PageMeta, view: ListInput, listTags: string[], layout: LayoutOptions = {}): Promise<Rendered> {
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  if (page > 1) meta.prev = ctx.siteUrl + pagedPath(view.base, page - 1);
  if (page < pages) meta.next = ctx.siteUrl + pagedPath(view.base, page + 1);
  const body = renderPage(ctx, meta, <ListView {...view} stories={result.items} page={page} pages={pages} tz={ctx.settings.timeZone} lang={ctx.settings.language} />, layout);
  return html(body, await lastModifiedOf(deps, result.items), [...CHROME_TAGS, ...listTags, ...summariesTags(result.items)]);
}

export async function renderHomePage(deps: HttpDeps, assets: SiteAssets, page: number): Promise<Rendered> {
  const [ctx, result, choices] = await Promise.all([loadSiteContext(deps, assets), pageOf(deps, {}, page), page === 1 ? deps.frontPage.current() : NO_CHOICES]);
  // A page past the end is tagged with its list: a story published later may make it exist.
  if (!result) return renderErrorPage(deps, assets, 404, [cacheTag.home]);
  const meta = basicMeta(ctx, { title: page > 1 ? `Latest news, page ${page}` : '', description: ctx.settings.tagline, path: pagedPath('/', page) });
  const layout = { brandIsHeading: true, isHome: page === 1 };
  if (page > 1) {
    return renderList(deps, ctx, result, page, meta, { title: `Latest news, page ${page}`, titleLevel: 2, showSection: true, base: '/' }, [cacheTag.home], layout);
  }
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  if (pages > 1) meta.next = ctx.siteUrl + pagedPath('/', 2);
  // Only public stories come back: a chosen story unpublished, or still a draft, is not among them.
  const ids = homeStoryIds(choices);
  const chosen = ids.length ? await deps.queries.latestPublic({ ids }, ids.length) : [];
  const { lead, top, groups } = arrangeHome(result.items, chosen, choices);
  const shown = [...result.items, ...chosen];
  const view = <HomeView lead={lead} top={top} groups={groups} tz={ctx.settings.timeZone} lang={ctx.settings.language} base="/" page={1} pages={pages} />;
  return html(renderPage(ctx, meta, view, layout), await lastModifiedOf(deps, shown), [...CHROME_TAGS, cacheTag.home, ...summariesTags(shown)]);
}

/** The section's own lead, when an editor chose one that is public, in force and filed in the section or below. */
async function sectionLead(deps: HttpDeps, sectionId: number, ids: number[]): Promise<ArticleSummary | null> {
  const choice = (await deps.frontPage.current()).sectionLeads.find((l) => l.sectionId === sectionId);
  if (!choice) return null;
  const [story] = await deps.queries.latestPublic({ ids: [choice.storyId] }, 1);
  return story?.section && ids.includes(story.section.id) ? story : null;
}

export async function renderSectionPage(deps: HttpDeps, assets: SiteAssets, slug: string, page: number): Promise<Rendered> {
  const ctx = await loadSiteContext(deps, assets);
  const section = ctx.sections.find((s) => s.slug === slug);
  if (!section) return renderErrorPage(deps, assets, 404);
  // The section and everything below it, walked over the list already loaded.
  const ids = [section.id];
  for (let i = 0; i < ids.length; i++) for (const s of ctx.sections) if (s.parentId === ids[i] && !ids.includes(s.id)) ids.push(s.id);
  const [result, lead] = await Promise.all([pageOf(deps, { sectionIds: ids }, page), page === 1 ? sectionLead(deps, section.id, ids) : null]);
  if (!result) return renderErrorPage(deps, assets, 404, [cacheTag.sectionList(section.id)]);
  if (lead) result.items = [lead, ...result.items.filter((s) => s.id !== lead.id)];
  const base = sectionPath(section.slug);
  const parent = ctx.sections.find((s) => s.id === section.parentId);
  let top = section;
  for (let n = 0; top.parentId !== null && n < 50; n++) top = ctx.sections.find((s) => s.id === top.parentId) ?? { ...top, parentId: null };
  const meta = basicMeta(ctx, { title: page > 1 ? `${section.name}, page ${page}` : section.name, description: section.description, path: pagedPath(base, page), feeds: sectionFeeds(ctx, section.name, base) });
  return renderList(deps, ctx, result, page, meta, {
    title: section.name,
    kicker: parent ? <a href={sectionPath(parent.slug)}>{parent.name}</a> : undefined,
    intro: section.description ? <p class="list-intro">{section.description}</p> : undefined,
    children_: ctx.sections.filter((s) => s.parentId === section.id),
    showSection: ids.length > 1,
    leadFirst: lead !== null,
    base,
  }, [cacheTag.sectionList(section.id)], { currentSectionId: top.id });
}

async function orMissing<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

export async function renderTagPage(deps: HttpDeps, assets: SiteAssets, slug: string, page: number): Promise<Rendered> {
  const tag = await orMissing(deps.tags.get(slug));
  if (!tag) return renderErrorPage(deps, assets, 404);
  // An alias (old name, other spelling) lives on only as a permanent redirect.
  if (tag.slug !== slug) throw new Redirect(pagedPath(tagPath(tag.slug), page));
  const [ctx, result] = await Promise.all([loadSiteContext(deps, assets), pageOf(deps, { tagId: tag.id }, page)]);
  if (!result) return renderErrorPage(deps, assets, 404, [cacheTag.tagList(tag.id), cacheTag.tag(tag.id)]);
  const base = tagPath(tag.slug);
  const meta = basicMeta(ctx, { title: page > 1 ? `${tag.name}, page ${page}` : tag.name, description: tag.description || `Stories about ${tag.name}`, path: pagedPath(base, page) });
  return renderList(deps, ctx, result, page, meta, {
    title: tag.name,
    kicker: 'Topic',
    intro: tag.description ? <p class="list-intro">{tag.description}</p> : undefined,
    showSection: true,
    base,
  }, [cacheTag.tag(tag.id), cacheTag.tagList(tag.id)]);
}

export async function renderAuthorPage(deps: HttpDeps, assets: SiteAssets, slug: string, page: number): Promise<Rendered> {
  const person = await orMissing(deps.people.get(slug));
  if (!person) return renderErrorPage(deps, assets, 404);
  const [ctx, result, photo] = await Promise.all([
    loadSiteContext(deps, assets),
    pageOf(deps, { personId: person.id }, page),
    person.photoImageId ? orMissing(deps.media.get(person.photoImageId)) : null,
  ]);
  if (!result) return renderErrorPage(deps, assets, 404, [cacheTag.personList(person.id), cacheTag.person(person.id)]);
  const base = authorPath(person.slug);
  const description = person.bio.split(/\n\s*\n/)[0]?.slice(0, 300) || `Stories by ${person.name}`;
  const meta = basicMeta(ctx, { title: page > 1 ? `${person.name}, page ${page}` : person.name, description, path: pagedPath(base, page) });
  meta.properties[0] = ['og:type', 'profile'];
  const portrait = photo && bestJpeg(photo) ? pictureHtml(photo, { alt: `Portrait of ${person.name}`, sizes: '8rem', eager: true }) : '';
  return renderList(deps, ctx, result, page, meta, {
    title: person.name,
    kicker: person.roleTitle || undefined,
    intro: (
      <div class="author-intro">
        {portrait ? <div class="author-photo" dangerouslySetInnerHTML={{ __html: portrait }} /> : null}
        <div class="author-bio">
          <TextParagraphs text={person.bio} />
        </div>
      </div>
    ),
    listTitle: `Stories by ${person.name}`,
    showSection: true,
    base,
  }, [cacheTag.person(person.id), cacheTag.personList(person.id), ...(photo ? [cacheTag.image(photo.id)] : [])]);
}
