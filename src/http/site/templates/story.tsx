import type { Article, ArticleSummary } from '../../../domain/articles/index.ts';
import { renderToString } from 'preact-render-to-string';
import { CommentsSection, type CommentsSectionProps } from '../comments/comments-section.tsx';
import type { Fragments } from '../page-cache.ts';
import { curlQuotes } from '../../../domain/shared/typography.ts';
import { raw } from '../render/raw.ts';
import { formatDisplayDate } from '../../../domain/shared/time.ts';
import { sectionPath, tagPath } from '../paths.ts';
import { Byline, StoryCard, Time } from './parts.tsx';

/** Shows signed-in staff an "Edit" link without making the cached page differ per reader. */
export const STAFF_EDIT_SCRIPT = '/static/staff-edit.js';

/** Edits within a minute of publishing are part of getting it out, not an update worth showing. */
const UPDATE_THRESHOLD_MS = 60_000;

/**
 * "Updated" counts from publication, or from creation for a story entered
 * with an earlier publish time (an import or a backdated archive piece):
 * entering it is not an update.
 */
export function wasUpdated(a: Pick<Article, 'publishedAt' | 'createdAt' | 'updatedAt'>): boolean {
  if (!a.publishedAt) return false;
  const since = Math.max(a.publishedAt.getTime(), a.createdAt.getTime());
  return a.updatedAt.getTime() - since > UPDATE_THRESHOLD_MS;
}

export interface StoryProps {
  article: Article;
  related: ArticleSummary[];
  /** The lead image figure and the body, from our own escaping renderers. */
  leadHtml: string;
  bodyHtml: string;
  /** The embeds' click-to-play script, when the body shows an embed with a player. */
  embedScript?: string;
  tz: string;
  /** Published comments and the form's entry points (no per-reader state: the page is cached). */
  comments: CommentsSectionProps;
  /** The site's fragment memo (the public story page): related cards are rendered once per generation. */
  fragment?: Fragments;
}

export function StoryView({ article: a, related, leadHtml, bodyHtml, embedScript, tz, comments, fragment }: StoryProps) {
  const updated = wasUpdated(a);
  return (
    <>
      <article class="story" data-story-id={String(a.id)}>
        <header class="story-header">
          {a.section ? (
            <p class="kicker">
              <a href={sectionPath(a.section.slug)}>{a.section.name}</a>
            </p>
          ) : null}
          <h1 class="headline">{curlQuotes(a.headline, a.language)}</h1>
          {a.dek ? <p class="dek">{curlQuotes(a.dek, a.language)}</p> : null}
          <div class="story-meta">
            <Byline story={a} linked={true} />
            <p class="timestamps">
              {a.publishedAt ? <Time date={a.publishedAt} tz={tz} /> : null}
              {updated ? (
                <span class="updated">
                  Updated <Time date={a.updatedAt} tz={tz} />
                </span>
              ) : null}
            </p>
          </div>
        </header>
        {leadHtml ? <div class="story-lead" dangerouslySetInnerHTML={{ __html: leadHtml }} /> : null}
        <div class="story-body" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
        {embedScript ? <script src={embedScript} defer></script> : null}
        {a.corrections.length ? <Corrections article={a} tz={tz} /> : null}
        {a.tags.length ? (
          <nav class="story-tags" aria-label="Topics">
            <ul>
              {a.tags.map((t) => (
                <li>
                  <a href={tagPath(t.slug)} rel="tag">
                    {t.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <script defer src={STAFF_EDIT_SCRIPT} />
      </article>
      {related.length ? (
        <section class="related" aria-labelledby="related-h">
          <h2 id="related-h">Related stories</h2>
          <div class="card-grid">
            {related.map((r) => {
              const card = <StoryCard story={r} tz={tz} pageLang={a.language} level={3} />;
              // A story is related to many others: its card is the same on each of their pages.
              return fragment ? raw(fragment(`card3:${r.id}:${tz}:${a.language}`, () => renderToString(card))) : card;
            })}
          </div>
        </section>
      ) : null}
      <CommentsSection {...comments} />
    </>
  );
}

function Corrections({ article, tz }: { article: Article; tz: string }) {
  return (
    <aside class="corrections" aria-labelledby="corrections-h">
      <h2 id="corrections-h">{article.corrections.length > 1 ? 'Corrections' : 'Correction'}</h2>
      {article.corrections.map((c) => (
        <p>
          <strong>Correction, {formatDisplayDate(c.createdAt, tz)}:</strong> {curlQuotes(c.body, article.language)}
        </p>
      ))}
    </aside>
  );
}

export function WithdrawnView() {
  return (
    <div class="notice">
      <h1>This story has been withdrawn</h1>
      <p>The editors have taken this story down. It is no longer available.</p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </div>
  );
}

export function NotFoundView() {
  return (
    <div class="notice">
      <h1>Page not found</h1>
      <p>We could not find that page. It may have moved, or the address may be mistyped.</p>
      <form class="search search--wide" role="search" action="/search" method="get">
        <label for="notfound-search">Search our stories</label>
        <input id="notfound-search" name="q" type="search" maxLength={200} />
        <button type="submit">Search</button>
      </form>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </div>
  );
}
