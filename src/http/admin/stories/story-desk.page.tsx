import { ARTICLE_STATUSES, canEditStory, type ArticleStatus, type Desk, type StaffActor } from '../../../domain/articles/index.ts';
import type { Person } from '../../../domain/people/index.ts';
import type { Section } from '../../../domain/sections/index.ts';
import { formatDisplayTime } from '../../../domain/shared/time.ts';
import { editorAssets } from './assets.ts';

export interface DeskQuery {
  status?: ArticleStatus;
  section?: string;
  author?: string;
  q?: string;
  page: number;
}

const LABEL: Record<ArticleStatus, string> = { draft: 'Drafts', review: 'In review', scheduled: 'Scheduled', published: 'Published', unpublished: 'Unpublished' };

/** Query string → filters; anything malformed is dropped rather than sent to a query. */
export function deskQuery(raw: unknown): DeskQuery {
  const r = (raw ?? {}) as Record<string, unknown>;
  const s = (k: string, max: number) => (typeof r[k] === 'string' && (r[k] as string).length <= max ? (r[k] as string).trim() : '');
  const status = s('status', 20);
  const page = /^[1-9]\d{0,4}$/.test(s('page', 6)) ? Number(s('page', 6)) : 1;
  return {
    status: (ARTICLE_STATUSES as readonly string[]).includes(status) ? (status as ArticleStatus) : undefined,
    section: s('section', 120) || undefined,
    author: s('author', 120) || undefined,
    q: s('q', 200) || undefined,
    page,
  };
}

function href(q: DeskQuery, patch: Partial<DeskQuery>): string {
  const next = { ...q, ...patch };
  const p = new URLSearchParams();
  for (const k of ['status', 'section', 'author', 'q'] as const) if (next[k]) p.set(k, String(next[k]));
  if (next.page > 1) p.set('page', String(next.page));
  const s = p.toString();
  return `/admin/stories${s ? `?${s}` : ''}`;
}

export function StoryDeskPage({ desk, query, sections, people, staff, tz }: { desk: Desk; query: DeskQuery; sections: Section[]; people: Person[]; staff: StaffActor; tz: string }) {
  const all = Object.values(desk.counts).reduce((a, b) => a + b, 0);
  const pages = Math.max(1, Math.ceil(desk.total / desk.limit));
  return (
    <>
      <link rel="stylesheet" href={editorAssets().css} />
      <div class="desk-actions">
        <p class="field-hint">{staff.role === 'contributor' || staff.role === 'author' ? 'Your stories.' : 'Every story in the newsroom.'}</p>
        <a class="button" href="/admin/stories/new">
          <button type="button" tabindex={-1}>New story</button>
        </a>
      </div>
      <ul class="desk-tabs" aria-label="By status">
        <li>
          <a href={href(query, { status: undefined, page: 1 })} aria-current={!query.status ? 'page' : undefined}>
            All<span class="count">{all}</span>
          </a>
        </li>
        {ARTICLE_STATUSES.map((s) => (
          <li>
            <a href={href(query, { status: s, page: 1 })} aria-current={query.status === s ? 'page' : undefined}>
              {LABEL[s]}
              <span class="count" data-status-count={s}>{desk.counts[s]}</span>
            </a>
          </li>
        ))}
      </ul>
      <form class="desk-filters" method="get" action="/admin/stories" role="search">
        {query.status ? <input type="hidden" name="status" value={query.status} /> : null}
        <div class="field">
          <label for="desk-q">Headline</label>
          <input id="desk-q" name="q" type="search" value={query.q ?? ''} maxLength={200} />
        </div>
        <div class="field">
          <label for="desk-section">Section</label>
          <select id="desk-section" name="section">
            <option value="">All sections</option>
            {sections.map((s) => <option value={s.slug} selected={query.section === s.slug}>{s.name}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="desk-author">Byline</label>
          <select id="desk-author" name="author">
            <option value="">Anyone</option>
            {people.map((p) => <option value={p.slug} selected={query.author === p.slug}>{p.name}</option>)}
          </select>
        </div>
        <button type="submit" class="button-secondary">Filter</button>
      </form>
      {desk.items.length ? (
        <table class="data-table">
          <thead>
            <tr><th>Headline</th><th>Status</th><th>Section</th><th>Byline</th><th>Updated</th></tr>
          </thead>
          <tbody>
            {desk.items.map((a) => (
              <tr>
                <td>
                  <a href={`/admin/stories/${a.id}`}>{a.headline || '(no headline)'}</a>
                  {!canEditStory(staff, a) ? <span class="field-hint"> (read only)</span> : null}
                </td>
                <td><span class={`status-badge status-${a.status}`}>{a.status === 'review' ? 'in review' : a.status}</span>{a.status === 'scheduled' && a.publishedAt ? <div class="field-hint">{formatDisplayTime(a.publishedAt, tz)}</div> : null}</td>
                <td>{a.section?.name ?? '—'}</td>
                <td>{a.bylines.map((p) => p.name).join(', ') || a.credit || '—'}</td>
                <td>{formatDisplayTime(a.updatedAt, tz)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No stories match.</p>
      )}
      <nav class="pager" aria-label="Pages">
        {query.page > 1 ? <a href={href(query, { page: query.page - 1 })} rel="prev">← Newer</a> : null}
        <span>Page {query.page} of {pages} · {desk.total} stories</span>
        {query.page < pages ? <a href={href(query, { page: query.page + 1 })} rel="next">Older →</a> : null}
      </nav>
    </>
  );
}
