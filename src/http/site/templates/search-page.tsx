import type { Person } from '../../../domain/people/index.ts';
import type { SearchHit, SearchResult } from '../../../domain/search/index.ts';
import type { SiteContext } from '../context.ts';
import { authorPath, sectionPath, storyPath } from '../paths.ts';
import { Time } from './parts.tsx';

/** What the reader asked for, echoed into the form as typed (preact escapes every attribute). */
export interface SearchForm {
  q: string;
  section: string;
  author: string;
  from: string;
  to: string;
  sort: string;
}

export interface SearchPageProps {
  ctx: SiteContext;
  people: Person[];
  form: SearchForm;
  /** null when nothing was searched or the request was refused. */
  result: SearchResult | null;
  /** A refused parameter, said plainly. */
  error: string | null;
  page: number;
  pageSize: number;
}

/** `/search?…&page=N` with the reader's filters kept. */
export function searchHref(form: SearchForm, page: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v && !(k === 'sort' && v === 'relevance')) p.set(k, v);
  if (page > 1) p.set('page', String(page));
  const qs = p.toString();
  return qs ? `/search?${qs}` : '/search';
}

function Filters({ ctx, people, form }: Pick<SearchPageProps, 'ctx' | 'people' | 'form'>) {
  return (
    <form class="search search--wide search-form" role="search" action="/search" method="get">
      <label for="search-q">Search stories, people and places</label>
      <input id="search-q" name="q" type="search" value={form.q} maxLength={200} autocomplete="off" />
      <label for="search-section" class="visually-hidden">Section</label>
      <select id="search-section" name="section">
        <option value="">All sections</option>
        {ctx.sections.map((s) => (
          <option value={s.slug} selected={s.slug === form.section}>{s.name}</option>
        ))}
      </select>
      <label for="search-author" class="visually-hidden">Author</label>
      <select id="search-author" name="author">
        <option value="">Any author</option>
        {people.map((p) => (
          <option value={p.slug} selected={p.slug === form.author}>{p.name}</option>
        ))}
      </select>
      <label for="search-from">From</label>
      <input id="search-from" name="from" type="date" value={form.from} />
      <label for="search-to">To</label>
      <input id="search-to" name="to" type="date" value={form.to} />
      <label for="search-sort" class="visually-hidden">Order</label>
      <select id="search-sort" name="sort">
        <option value="relevance" selected={form.sort !== 'newest'}>Best match</option>
        <option value="newest" selected={form.sort === 'newest'}>Newest first</option>
      </select>
      <button type="submit">Search</button>
    </form>
  );
}

function Hit({ hit, tz }: { hit: SearchHit; tz: string }) {
  return (
    <article class="story-card story-card--row search-hit">
      <div class="card-text">
        {hit.section ? (
          <p class="kicker">
            <a href={sectionPath(hit.section.slug)}>{hit.section.name}</a>
          </p>
        ) : null}
        {/* headlineHtml and snippetHtml are escaped text with <mark> added by the search service. */}
        <h3 class="card-title">
          <a href={storyPath(hit)} dangerouslySetInnerHTML={{ __html: hit.headlineHtml }} />
        </h3>
        {hit.snippetHtml ? <p class="card-dek search-snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} /> : null}
        <p class="card-meta">
          <Time date={hit.publishedAt} tz={tz} />
          {hit.bylines.length ? <span class="sep" aria-hidden="true"> · </span> : null}
          {hit.bylines.length ? (
            <span class="byline">
              By{' '}
              {hit.bylines.map((b, i) => (
                <>
                  {i > 0 ? (i === hit.bylines.length - 1 ? ' and ' : ', ') : ''}
                  <a href={authorPath(b.slug)}>{b.name}</a>
                </>
              ))}
            </span>
          ) : null}
        </p>
      </div>
    </article>
  );
}

function countLine(r: SearchResult): string {
  if (r.totalIsLowerBound) return `More than ${r.total.toLocaleString('en')} stories match “${r.query}”.`;
  return `${r.total.toLocaleString('en')} ${r.total === 1 ? 'story matches' : 'stories match'} “${r.query}”.`;
}

function Pager({ form, page, pages }: { form: SearchForm; page: number; pages: number }) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="Result pages">
      {page > 1 ? <a href={searchHref(form, page - 1)} rel="prev">Previous results</a> : <span />}
      <span class="page-count">Page {page} of {pages}</span>
      {page < pages ? <a href={searchHref(form, page + 1)} rel="next">More results</a> : <span />}
    </nav>
  );
}

/** The body of `/search`: form, messages, count, hits and pages. The layout adds the site chrome. */
export function SearchPage({ ctx, people, form, result, error, page, pageSize }: SearchPageProps) {
  const tz = ctx.settings.timeZone;
  const searched = result !== null && result.query !== '';
  // The count is capped, so page links stop where the count does.
  const pages = result ? Math.max(1, Math.ceil(Math.min(result.total, result.offset + 1000) / pageSize)) : 1;
  return (
    <>
      <header class="list-header">
        <h1 class="list-title">{searched ? `Search: ${result.query}` : 'Search'}</h1>
      </header>
      <Filters ctx={ctx} people={people} form={form} />
      <section class="story-list search-results" aria-labelledby="results-h" aria-live="polite">
        <h2 id="results-h" class="visually-hidden">Results</h2>
        {error ? <p class="notice search-error" role="alert">{error}</p> : null}
        {result?.notices.map((n) => <p class="search-notice">{n}</p>)}
        {!error && !searched ? <p class="empty">Type a word, a name or a "quoted phrase" to search the stories.</p> : null}
        {result?.houseSpellings.map((h) => (
          <p class="search-notice">
            Showing results for all spellings of the name, including the house spelling <strong>{h.spelling}</strong>.
          </p>
        ))}
        {searched ? <p class="search-count">{countLine(result)}</p> : null}
        {searched && !result.items.length ? (
          <p class="empty">No published story matches. Try fewer words, another spelling, or remove a filter.</p>
        ) : null}
        {result?.items.map((h) => <Hit hit={h} tz={tz} />)}
      </section>
      {searched ? <Pager form={form} page={page} pages={pages} /> : null}
    </>
  );
}

/** For callers in .ts files (the route), which cannot write JSX. */
export function searchPageBody(props: SearchPageProps) {
  return <SearchPage {...props} />;
}
