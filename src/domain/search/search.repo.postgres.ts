import { sql, type RawBuilder } from 'kysely';
import { PG_SEARCH_CONFIG } from '../../storage/migrations/0002-search.ts';
import { foldText } from './search.query.ts';
import { filterSql } from './search.repo.ts';
import type { ParsedQuery, Q, RepoHit, RepoSearchArgs, SearchDocument, SearchRepo } from './search.types.ts';

/**
 * PostgreSQL full text (DESIGN §7, scale-out): one weighted tsvector per
 * story in `search_documents.document` with a GIN index. Weights: headline A;
 * dek, bylines and tags B; name keys C (and only C, so a key never matches a
 * body word); body D. Text is folded in JS before indexing and querying, so
 * diacritics fold even where the unaccent extension is missing; the
 * configuration's unaccent mapping is there for ts_headline on the original text.
 */

const CFG = sql.raw(`'${PG_SEARCH_CONFIG}'::regconfig`);

/** A tsquery lexeme, quoted: nothing inside a quoted lexeme is an operator. */
function lexeme(word: string, weights: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${weights}`;
}

function phrase(words: string[], weights: string): string {
  return words.map((w) => lexeme(w, weights)).join(' <-> ');
}

/** tsquery text built from sanitised parts only; passed to to_tsquery as a bound value. */
export function tsqueryText(q: ParsedQuery): string {
  const parts: string[] = [];
  for (const t of q.terms) {
    const text = phrase(t.parts, 'ABD');
    parts.push(t.key ? `(${text} | ${phrase(t.key.split(' '), 'C')})` : `(${text})`);
  }
  for (const p of q.phrases) parts.push(`(${phrase(p, 'ABD')})`);
  return parts.join(' & ');
}

// Snippet sentinels, plus stand-ins for < > & so ts_headline does not drop text it takes for HTML tags.
const HEADLINE_OPTS = 'StartSel=\u0001, StopSel=\u0002, HighlightAll=true';
const SNIPPET_OPTS = 'StartSel=\u0001, StopSel=\u0002, MaxFragments=2, MinWords=12, MaxWords=32, FragmentDelimiter=" … "';
const unshield = (s: string) => s.replace(/\u0003/g, '<').replace(/\u0004/g, '>').replace(/\u0005/g, '&');

async function marked(db: Q, tsq: string, ids: number[]): Promise<Map<number, RepoHit>> {
  const out = new Map<number, RepoHit>();
  if (!ids.length) return out;
  const r = await sql<{ id: number; h: string; s: string }>`
    select d.article_id as id,
      ts_headline(${CFG}, translate(d.headline, '<>&', E'\\x03\\x04\\x05'), q, ${HEADLINE_OPTS}) as h,
      ts_headline(${CFG}, translate(d.body, '<>&', E'\\x03\\x04\\x05'), q, ${SNIPPET_OPTS}) as s
    from search_documents d, to_tsquery(${CFG}, ${tsq}) q
    where d.article_id in (${sql.join(ids)})`.execute(db);
  for (const x of r.rows) out.set(x.id, { id: x.id, headlineMarked: unshield(x.h ?? ''), snippetMarked: unshield(x.s ?? '') });
  return out;
}

/** Text as the tsvector sees it: folded, and never markup (the default parser drops `<script>` as an HTML tag). */
export const foldForIndex = (s: string): string => foldText(s).replace(/[<>&]/g, ' ');

type Part = string | RawBuilder<unknown>;

/**
 * The weighted tsvector of a story from its folded parts (names are keys,
 * already folded). The bench's bulk load builds it from this same SQL.
 */
export function documentVector(p: { headline: Part; dek: Part; people: Part; tags: Part; names: Part; body: Part }): RawBuilder<unknown> {
  return sql`setweight(to_tsvector(${CFG}, ${p.headline}), 'A') || setweight(to_tsvector(${CFG}, ${p.dek}), 'B')
    || setweight(to_tsvector(${CFG}, ${p.people}), 'B') || setweight(to_tsvector(${CFG}, ${p.tags}), 'B')
    || setweight(to_tsvector(${CFG}, ${p.names}), 'C') || setweight(to_tsvector(${CFG}, ${p.body}), 'D')`;
}

export const postgresSearchRepo: SearchRepo = {
  async upsert(db, doc: SearchDocument) {
    const f = foldForIndex;
    const vector = documentVector({ headline: f(doc.headline), dek: f(doc.dek), people: f(doc.people), tags: f(doc.tags), names: doc.names, body: f(doc.body) });
    await sql`
      insert into search_documents (article_id, order_key, status, published_at, section_id, headline, dek, body, people, tags, names, facets, document)
      values (${doc.articleId}, ${doc.orderKey}, ${doc.status}, ${doc.publishedAt}, ${doc.sectionId}, ${doc.headline}, ${doc.dek}, ${doc.body},
        ${doc.people}, ${doc.tags}, ${doc.names}, ${doc.facets}, ${vector})
      on conflict (article_id) do update set
        order_key = excluded.order_key, status = excluded.status, published_at = excluded.published_at, section_id = excluded.section_id,
        headline = excluded.headline, dek = excluded.dek, body = excluded.body, people = excluded.people,
        tags = excluded.tags, names = excluded.names, facets = excluded.facets, document = excluded.document`.execute(db);
  },

  async remove(db, articleId) {
    await db.deleteFrom('search_documents').where('article_id', '=', articleId).execute();
  },

  async search(db, args: RepoSearchArgs) {
    const tsq = tsqueryText(args.query);
    const where = sql`d.document @@ q and ${filterSql(args.filters, args.nowIso)}`;
    // Same window as SQLite: relevance ranks the countCap most recent matches, so both dialects answer alike.
    const r = args.sort === 'newest'
      ? await sql<{ id: number }>`
          select d.article_id as id from search_documents d, to_tsquery(${CFG}, ${tsq}) q
          where ${where} order by d.order_key desc limit ${args.limit} offset ${args.offset}`.execute(db)
      : await sql<{ id: number }>`
          select id from (
            select d.article_id as id, d.order_key as k, ts_rank(d.document, q) as r
            from search_documents d, to_tsquery(${CFG}, ${tsq}) q
            where ${where} order by d.order_key desc limit ${args.countCap}) c
          order by r desc, k desc limit ${args.limit} offset ${args.offset}`.execute(db);
    const ids = r.rows.map((x) => x.id);
    let total = args.offset + ids.length;
    if (ids.length === args.limit || (ids.length === 0 && args.offset > 0)) {
      const c = await sql<{ n: number }>`
        select count(*)::int as n from (select 1 from search_documents d, to_tsquery(${CFG}, ${tsq}) q
        where ${where} limit ${args.countCap + 1}) x`.execute(db);
      total = Number(c.rows[0]?.n ?? 0);
    }
    const byId = await marked(db, tsq, ids);
    return { hits: ids.map((id) => byId.get(id) ?? { id, headlineMarked: '', snippetMarked: '' }), total };
  },
};
