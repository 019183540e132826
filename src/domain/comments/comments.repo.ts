import { sql } from 'kysely';
import { prepared, type Q } from '../../storage/index.ts';
import type { CommentRow, NewCommentRow } from '../../storage/schema.ts';

/** Reader-side SQL: submission, challenges, and the public list. */

export async function insertComment(db: Q, row: NewCommentRow): Promise<number> {
  const r = await db.insertInto('comments').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * A batch's comments in one statement. Both databases hand out ids in the
 * order of the VALUES list (a sequence's nextval per row on PostgreSQL, the
 * next rowid on SQLite), but neither promises RETURNING's order: the ids are
 * sorted, which gives them back in the order of `rows`.
 */
export async function insertComments(db: Q, rows: readonly NewCommentRow[]): Promise<number[]> {
  if (!rows.length) return [];
  const r = await db.insertInto('comments').values([...rows]).returning('id').execute();
  return r.map((x) => x.id).sort((a, b) => a - b);
}

/** The signatures of `claims` not used before, in one statement; a signature twice in the batch is claimed once. */
export async function claimReplays(db: Q, claims: ReadonlyArray<{ signature: string; expiresAt: string }>): Promise<Set<string>> {
  if (!claims.length) return new Set();
  const unique = [...new Map(claims.map((c) => [c.signature, c])).values()];
  const rows = await db
    .insertInto('comment_challenges_used')
    .values(unique.map((c) => ({ signature: c.signature, expires_at: c.expiresAt })))
    .onConflict((oc) => oc.column('signature').doNothing())
    .returning('signature')
    .execute();
  return new Set(rows.map((r) => r.signature));
}

/** The live questions among `ids`, deleted in one statement (first correct use; fewer than `maxMisses` wrong answers). */
export async function consumeCaptchas(db: Q, ids: readonly string[], maxMisses = 3): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.deleteFrom('comment_captchas').where('id', 'in', [...new Set(ids)]).where('attempts', '<', maxMisses).returning('id').execute();
  return new Set(rows.map((r) => r.id));
}

export async function pruneExpiredChallenges(db: Q, nowIso: string): Promise<void> {
  await db.deleteFrom('comment_challenges_used').where('expires_at', '<', nowIso).execute();
  await db.deleteFrom('comment_captchas').where('expires_at', '<', nowIso).execute();
}

export async function insertCaptcha(db: Q, row: { id: string; article_id: number; answer: number; ip_hash: string; created_at: string; expires_at: string }): Promise<void> {
  await db.insertInto('comment_captchas').values({ ...row, attempts: 0 }).execute();
}

export async function findCaptcha(db: Q, id: string) {
  return db.selectFrom('comment_captchas').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One more wrong answer; returns the attempts now recorded (or null if the question is gone). */
export async function recordCaptchaMiss(db: Q, id: string): Promise<number | null> {
  const r = await db
    .updateTable('comment_captchas')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  return r?.attempts ?? null;
}

export interface ArticleMetaRow {
  id: number;
  status: string;
  published_at: string | null;
  first_published_at: string | null;
  comment_mode: string;
  slug: string;
  headline: string;
}

/** Just what the comment rules need: the full article is far heavier than a submission should pay for. */
const articleMeta = prepared(1, (db, id: number) =>
  db.selectFrom('articles').select(['id', 'status', 'published_at', 'first_published_at', 'comment_mode', 'slug', 'headline']).where('id', '=', id),
);

export async function findArticleMeta(db: Q, id: number): Promise<ArticleMetaRow | undefined> {
  return (await articleMeta(db, id))[0];
}

export async function findArticleMetas(db: Q, ids: number[]): Promise<ArticleMetaRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('articles').select(['id', 'status', 'published_at', 'first_published_at', 'comment_mode', 'slug', 'headline']).where('id', 'in', ids).execute();
}

export async function findCommentRow(db: Q, id: number): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface SameTextRow {
  article_id: number;
  ip_hash: string;
  email_hash: string;
  created_at: string;
}

/** What the bans and repeats phases look up about one submission. */
export interface CommenterRecord {
  banned: boolean;
  /** Up to 50 comments with the same text since `sinceIso`. */
  sameText: SameTextRow[];
}

/**
 * Both phases' reads in one statement: every submission runs it, and on
 * PostgreSQL each statement is a round trip plus the driver's work (two
 * trivial statements cost the writer's whole batch in CPU). Compiled once
 * (storage's prepared(): a named statement on PostgreSQL); each LIMIT a
 * literal inside its own subquery, since SQLite plans a bound LIMIT again at
 * every run and allows a LIMIT only on the whole of a UNION.
 */
const commenterRecordQuery = prepared(4, (db, email: string, ip: string, bodyHash: string, sinceIso: string) =>
  db
    .selectFrom(
      db
        .selectFrom('comment_bans')
        .select([sql<string>`'ban'`.as('kind'), sql<number>`0`.as('article_id'), sql<string>`''`.as('ip_hash'), sql<string>`''`.as('email_hash'), sql<string>`''`.as('created_at')])
        .where((eb) => eb.or([eb.and([eb('kind', '=', 'email'), eb('value_hash', '=', email)]), eb.and([eb('kind', '=', 'ip'), eb('value_hash', '=', ip)])]))
        .limit(sql.lit(1))
        .as('b'),
    )
    .selectAll()
    .unionAll(
      db
        .selectFrom(
          db
            .selectFrom('comments')
            .select([sql<string>`'same'`.as('kind'), 'article_id', 'ip_hash', 'email_hash', 'created_at'])
            .where('body_hash', '=', bodyHash)
            .where('created_at', '>=', sinceIso)
            .limit(sql.lit(50))
            .as('s'),
        )
        .selectAll(),
    ),
);

export async function commenterRecord(db: Q, hashes: { email: string; ip: string; body: string }, sinceIso: string): Promise<CommenterRecord> {
  const out: CommenterRecord = { banned: false, sameText: [] };
  for (const { kind, ...row } of await commenterRecordQuery(db, hashes.email, hashes.ip, hashes.body, sinceIso)) {
    if (kind === 'ban') out.banned = true;
    else out.sameText.push(row);
  }
  return out;
}

const approvedRows = new Map<number, (db: Q, articleId: number) => Promise<CommentRow[]>>();

/**
 * Every story page runs this: compiled once per page size (storage's prepared()), with a literal
 * LIMIT, since SQLite prepares a statement with a bound one again at every run.
 */
export async function listApprovedRows(db: Q, articleId: number, limit: number): Promise<CommentRow[]> {
  let q = approvedRows.get(limit);
  if (!q) {
    q = prepared(1, (d, id: number) => d.selectFrom('comments').selectAll().where('article_id', '=', id).where('status', '=', 'approved').orderBy('id', 'asc').limit(sql.lit(limit)));
    approvedRows.set(limit, q);
  }
  return q(db, articleId);
}

export async function listApprovedForFeed(db: Q, articleId: number, limit: number): Promise<CommentRow[]> {
  return db.selectFrom('comments').selectAll().where('article_id', '=', articleId).where('status', '=', 'approved').orderBy('id', 'desc').limit(limit).execute();
}

export async function countByStatus(db: Q, where: { articleId?: number; emailHash?: string }): Promise<Record<string, number>> {
  let q = db.selectFrom('comments').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status');
  if (where.articleId !== undefined) q = q.where('article_id', '=', where.articleId);
  if (where.emailHash !== undefined) q = q.where('email_hash', '=', where.emailHash);
  const rows = await q.execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function countAll(db: Q): Promise<number> {
  const r = await db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
