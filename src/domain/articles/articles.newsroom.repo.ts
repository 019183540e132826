import type { Q } from '../../storage/index.ts';
import { containsText } from '../../storage/index.ts';
import type { SummaryRow } from './articles.repo.ts';
import type { ArticleStatus } from './articles.types.ts';

/** SQL behind the newsroom: revision snapshots, remembered dismissals, the story desk listing. */

export interface RevisionRow {
  id: number;
  version: number;
  actor: string;
  created_at: string;
  snapshot: string;
}

export async function findRevisionRow(db: Q, articleId: number, version: number): Promise<RevisionRow | undefined> {
  return db
    .selectFrom('revisions')
    .select(['id', 'version', 'actor', 'created_at', 'snapshot'])
    .where('article_id', '=', articleId)
    .where('version', '=', version)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function tagNamesByIds(db: Q, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!ids.length) return out;
  for (const r of await db.selectFrom('tags').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute()) out.set(r.id, r.name);
  return out;
}

export interface DismissalRow {
  rule_id: string;
  fingerprint: string;
  reason: string;
  actor: string;
  created_at: string;
}

export async function listDismissalRows(db: Q, articleId: number): Promise<DismissalRow[]> {
  return db
    .selectFrom('check_dismissals')
    .select(['rule_id', 'fingerprint', 'reason', 'actor', 'created_at'])
    .where('article_id', '=', articleId)
    .orderBy('id')
    .execute();
}

/** Insert or refresh the reason: dismissing the same finding twice keeps one row. */
export async function upsertDismissalRow(db: Q, articleId: number, d: DismissalRow): Promise<void> {
  await db
    .insertInto('check_dismissals')
    .values({ article_id: articleId, ...d })
    .onConflict((oc) => oc.columns(['article_id', 'rule_id', 'fingerprint']).doUpdateSet({ reason: d.reason, actor: d.actor, created_at: d.created_at }))
    .execute();
}

export async function deleteDismissalRow(db: Q, articleId: number, ruleId: string, fingerprint: string): Promise<boolean> {
  const r = await db
    .deleteFrom('check_dismissals')
    .where('article_id', '=', articleId)
    .where('rule_id', '=', ruleId)
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export interface DeskFilter {
  status?: ArticleStatus;
  sectionIds?: number[];
  /** Byline person. */
  personId?: number;
  /** Staff owner: contributors and authors see their own desk. */
  createdBy?: number;
  search?: string;
}

function deskQuery(db: Q, f: Omit<DeskFilter, 'status'>, likeOp: 'like' | 'ilike') {
  let q = db.selectFrom('articles as a');
  if (f.sectionIds?.length) q = q.where('a.section_id', 'in', f.sectionIds);
  if (f.personId !== undefined) {
    const pid = f.personId;
    q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_bylines').select('article_id').where('person_id', '=', pid));
  }
  if (f.createdBy !== undefined) q = q.where('a.created_by', '=', f.createdBy);
  if (f.search) q = q.where(containsText(likeOp, 'a.headline', f.search));
  return q;
}

export type DeskRow = SummaryRow & { created_by: number | null; version: number };

export async function listDeskRows(db: Q, f: DeskFilter, limit: number, offset: number, likeOp: 'like' | 'ilike'): Promise<{ rows: DeskRow[]; total: number }> {
  let q = deskQuery(db, f, likeOp);
  if (f.status) q = q.where('a.status', '=', f.status);
  const rows = await q
    .select([
      'a.id', 'a.slug', 'a.headline', 'a.dek', 'a.status', 'a.language', 'a.direction', 'a.section_id',
      'a.featured_image_id', 'a.credit', 'a.published_at', 'a.updated_at', 'a.created_by', 'a.version',
    ])
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const c = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return { rows: rows as DeskRow[], total: Number(c?.n ?? 0) };
}

/** Counts per status under the same filter (except status itself): the desk's tabs. */
export async function countDeskByStatus(db: Q, f: DeskFilter, likeOp: 'like' | 'ilike'): Promise<Record<string, number>> {
  const rows = await deskQuery(db, f, likeOp)
    .select(['a.status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('a.status')
    .execute();
  const out: Record<string, number> = {};
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}
