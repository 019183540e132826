import type { ComponentChildren } from 'preact';
import type { ArticleSummary } from '../../../domain/articles/index.ts';
import type { Section } from '../../../domain/sections/index.ts';
import { sectionPath } from '../paths.ts';
import { Pagination, StoryCard } from './parts.tsx';

export interface StoryGroup {
  /** null for stories filed under no section. */
  section: { id: number; slug: string; name: string } | null;
  stories: ArticleSummary[];
}

export interface ListCommon {
  tz: string;
  lang: string;
}

/**
 * A block of cards laid out for how many it has, so none looks unfinished:
 * one is a wide card, two and three share the row equally, four or more are
 * one large card beside a column of the others.
 */
export function StoryBlock({ stories, tz, lang, showSection }: ListCommon & { stories: ArticleSummary[]; showSection: boolean }) {
  const card = (s: ArticleSummary) => <StoryCard story={s} tz={tz} pageLang={lang} level={3} showSection={showSection} />;
  if (stories.length >= 4) {
    const [first, ...others] = stories;
    return (
      <div class="card-grid cards-many">
        <div class="block-feature">{card(first)}</div>
        <div class="block-list">{others.map(card)}</div>
      </div>
    );
  }
  return <div class={`card-grid cards-${stories.length}`}>{stories.map(card)}</div>;
}

/** Front page: the lead story large, the editors' top stories, then the latest stories section by section. */
export function HomeView({ lead, top, groups, tz, lang, base, page, pages }: ListCommon & { lead: ArticleSummary | null; top: ArticleSummary[]; groups: StoryGroup[]; base: string; page: number; pages: number }) {
  if (!lead) {
    return (
      <div class="notice">
        <h2>No stories yet</h2>
        <p>Stories appear here as soon as the newsroom publishes them.</p>
      </div>
    );
  }
  return (
    <>
      <section class="lead" aria-label="Top story">
        <StoryCard story={lead} tz={tz} pageLang={lang} level={2} variant="lead" />
      </section>
      {top.length ? (
        <section class="section-group top-stories" aria-labelledby="group-top">
          <h2 class="group-title" id="group-top">
            Top stories
          </h2>
          <StoryBlock stories={top} tz={tz} lang={lang} showSection />
        </section>
      ) : null}
      {groups.map((g, i) => (
        <section class="section-group" aria-labelledby={`group-${i}`}>
          <h2 class="group-title" id={`group-${i}`}>
            {g.section ? <a href={sectionPath(g.section.slug)}>{g.section.name}</a> : 'More news'}
          </h2>
          <StoryBlock stories={g.stories} tz={tz} lang={lang} showSection={false} />
        </section>
      ))}
      <Pagination base={base} page={page} pages={pages} />
    </>
  );
}

export interface ListViewProps extends ListCommon {
  title: string;
  kicker?: ComponentChildren;
  intro?: ComponentChildren;
  /** Subsections, listed under the heading. */
  children_?: Section[];
  stories: ArticleSummary[];
  listTitle?: string;
  /** Hide the section kicker on cards when the page is itself that section. */
  showSection: boolean;
  base: string;
  page: number;
  pages: number;
  /** The first story is the page's chosen lead, shown large above the rest. */
  leadFirst?: boolean;
  /** The h1 when the page holds it (home page 2+ keeps the masthead as h1). */
  titleLevel?: 1 | 2;
}

/** Section, tag and author pages: a header, then the stories newest first, 20 a page. */
export function ListView(p: ListViewProps) {
  const Title = p.titleLevel === 2 ? 'h2' : 'h1';
  return (
    <>
      <header class="list-header">
        {p.kicker ? <p class="kicker">{p.kicker}</p> : null}
        <Title class="list-title">{p.title}</Title>
        {p.intro}
        {p.children_?.length ? (
          <nav class="subsections" aria-label={`In ${p.title}`}>
            <ul>
              {p.children_.map((c) => (
                <li>
                  <a href={sectionPath(c.slug)}>{c.name}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <section class="story-list" aria-labelledby="list-h">
        <h2 id="list-h" class={p.listTitle ? 'list-subtitle' : 'visually-hidden'}>
          {p.listTitle ?? 'Stories'}
        </h2>
        {p.stories.length ? (
          p.stories.map((s, i) =>
            p.leadFirst && i === 0 ? (
              <div class="lead list-lead">
                <StoryCard story={s} tz={p.tz} pageLang={p.lang} level={3} showSection={p.showSection} variant="lead" />
              </div>
            ) : (
              <StoryCard story={s} tz={p.tz} pageLang={p.lang} level={3} showSection={p.showSection} variant="row" />
            ),
          )
        ) : (
          <p class="empty">No stories here yet.</p>
        )}
      </section>
      <Pagination base={p.base} page={p.page} pages={p.pages} />
    </>
  );
}
