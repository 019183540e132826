import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './dialect.ts';
import { contentMigration } from './migrations/0001-content.ts';
import { searchMigration } from './migrations/0002-search.ts';
import { accountsMigration } from './migrations/0003-accounts.ts';
import { commentsMigration } from './migrations/0004-comments.ts';
import { articleOwnerMigration } from './migrations/0005-article-owner.ts';
import { publicSummaryIndexMigration } from './migrations/0006-public-summary-index.ts';
import { mailOutboxMigration } from './migrations/0007-mail-outbox.ts';
import { searchSpeedMigration } from './migrations/0008-search-speed.ts';
import { searchCommonGramsMigration } from './migrations/0010-search-common-grams.ts';
import { changesMigration } from './migrations/0012-changes.ts';
import { importMigration } from './migrations/0014-import.ts';

function allMigrations(db: Db): Record<string, Migration> {
  return {
    '0001-content': contentMigration(db.dialect),
    '0002-search': searchMigration(db.dialect),
    '0003-accounts': accountsMigration(db.dialect),
    '0004-comments': commentsMigration(db.dialect),
    '0005-article-owner': articleOwnerMigration(db.dialect),
    '0006-public-summary-index': publicSummaryIndexMigration(db.dialect),
    '0007-mail-outbox': mailOutboxMigration(db.dialect),
    '0008-search-speed': searchSpeedMigration(db.dialect),
    '0010-search-common-grams': searchCommonGramsMigration(db.dialect),
    '0012-changes': changesMigration(db.dialect),
    '0014-import': importMigration(db.dialect),
  };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations() {
    return this.migrations;
  }
}

/**
 * Runs every pending migration, in one transaction per migration where the
 * dialect allows. Kysely's migrator takes a lock, so two instances starting
 * together on one PostgreSQL do not race.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    // Kysely looks for its lock table in any schema unless told which one is ours,
    // and then fails when another schema on the same server has one.
    ...(await migrationSchema(db)),
    provider: new StaticProvider(allMigrations(db)),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function migrationSchema(db: Db): Promise<{ migrationTableSchema?: string }> {
  if (db.schema) return { migrationTableSchema: db.schema };
  if (db.dialect !== 'postgres') return {};
  const r = await sql<{ s: string | null }>`select current_schema() as s`.execute(db.kysely);
  const s = r.rows[0]?.s;
  return s ? { migrationTableSchema: s } : {};
}
