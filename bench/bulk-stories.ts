/**
 * Many stories fast, for the memory figure at 100,000 (the performance targets, docs/architecture.md): the
 * first stories go through the real articles service (bench/fixtures.ts),
 * then SQL copies them, with their tags and bylines, until the total is
 * reached. A copy keeps its original's body, section, tags and byline; it
 * gets its own slug, a headline with its copy number, and an earlier publish
 * time, so the copies reach back in time at the same pace as the originals.
 * Revisions and the search index are not copied: the public pages measured
 * here read neither.
 */
import BetterSqlite3 from 'better-sqlite3';

/** Copies stories 1..base (ids must be exactly those) until `total` exist. */
export function replicateStories(file: string, base: number, total: number): number {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('busy_timeout = 5000');
    const r = db.prepare('select count(*) as n, min(id) as lo, max(id) as hi from articles').get() as { n: number; lo: number; hi: number };
    if (r.n !== base || r.lo !== 1 || r.hi !== base) throw new Error(`expected stories 1..${base}, found ${r.n} (${r.lo}..${r.hi})`);
    const span = db.prepare('select (julianday(max(published_at)) - julianday(min(published_at))) * 1440 + 10 as minutes from articles').get() as { minutes: number };
    const copies = Math.ceil((total - base) / base);
    const copy = db.transaction((c: number, count: number) => {
      const offset = base * c;
      // Ids follow insertion order (`order by id`), so copy c of story i is story offset + i.
      db.prepare(
        `insert into articles (id, slug, headline, dek, dateline, body, body_text, word_count, language, direction, section_id,
           featured_image_id, credit, status, published_at, first_published_at, created_at, updated_at, comment_mode,
           canonical_url, seo_title, seo_description, social_title, social_description, version, created_by)
         select id + @offset, slug || '-' || @c, headline || ' (' || @c || ')', dek, dateline, body, body_text, word_count, language,
           direction, section_id, featured_image_id, credit, status, shifted, shifted, shifted, shifted, comment_mode, canonical_url,
           seo_title, seo_description, social_title, social_description, version, created_by
         from (select *, strftime('%Y-%m-%dT%H:%M:%fZ', published_at, '-' || (@c * @span) || ' minutes') as shifted from articles where id <= @count)
         order by id`,
      ).run({ offset, c: BigInt(c), span: Math.round(span.minutes), count });
      db.prepare('insert into article_tags (article_id, tag_id, position) select article_id + @offset, tag_id, position from article_tags where article_id <= @count').run({ offset, count });
      db.prepare('insert into article_bylines (article_id, person_id, position) select article_id + @offset, person_id, position from article_bylines where article_id <= @count').run({ offset, count });
    });
    for (let c = 1; c <= copies; c++) copy(c, Math.min(base, total - base * c));
    db.pragma('wal_checkpoint(TRUNCATE)');
    return (db.prepare('select count(*) as n from articles').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** `/news/{id}/{slug}` of every visible story, newest first, read straight from the file. */
export function storyPaths(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const rows = db
      .prepare("select id, slug from articles where status = 'published' and published_at <= ? order by published_at desc, id desc")
      .all(new Date().toISOString()) as Array<{ id: number; slug: string }>;
    return rows.map((r) => `/news/${r.id}/${encodeURIComponent(r.slug)}`);
  } finally {
    db.close();
  }
}
