import type { Kysely } from 'kysely';

/**
 * The Admin API key that started a story. Keys are not staff accounts, so
 * `created_by` (a user id) cannot name them; without an owner of their own,
 * an author key could publish only stories nobody owns, which are editors'.
 * With it, the story workflow applies one rule to both: contributors and
 * authors act on the stories they started, editors on every story.
 * Null for stories started in the newsroom, the demo seed, or through the
 * API before this migration (editors own those). No foreign key: a revoked
 * key keeps its row, and a key is never deleted.
 */
export function articleKeyOwnerMigration() {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('articles').addColumn('created_by_key', 'integer').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('articles').dropColumn('created_by_key').execute();
    },
  };
}
