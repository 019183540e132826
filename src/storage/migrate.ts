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
import { jobsMigration } from './migrations/0011-jobs.ts';
import { changesMigration } from './migrations/0012-changes.ts';
import { articleKeyOwnerMigration } from './migrations/0013-article-key-owner.ts';
import { importMigration } from './migrations/0014-import.ts';
import { staffFactorsMigration } from './migrations/0015-staff-factors.ts';
import { frontPageMigration } from './migrations/0016-front-page.ts';
import { pagesRedirectsMigration } from './migrations/0017-pages-redirects.ts';
import { searchPostgresMigration } from './migrations/0019-search-postgres.ts';
import { importRunsMigration } from './migrations/0022-import-runs.ts';

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
    '0011-jobs': jobsMigration(db.dialect),
    '0012-changes': changesMigration(db.dialect),
    '0013-article-key-owner': articleKeyOwnerMigration(),
    '0014-import': importMigration(db.dialect),
    '0015-staff-factors': staffFactorsMigration(db.dialect),
    '0016-front-page': frontPageMigration(db.dialect),
    '0017-pages-redirects': pagesRedirectsMigration(db.dialect),
    '0019-search-postgres': searchPostgresMigration(db.dialect),
    '0022-import-runs': importRunsMigration(db.dialect),
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
    // Work merged from branches developed side by side adds migrations that sort before one a
    // database may already have run (0015-0017 landed after 0019 on some): each migration
    // touches its own tables, so the missing ones run, in name order, instead of refusing to start.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies migrations up to and including `name` (tests of a migration's data step). */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, ...(await migrationSchema(db)), provider: new StaticProvider(allMigrations(db)) });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

async function migrationSchema(db: Db): Promise<{ migrationTableSchema?: string }> {
  if (db.schema) return { migrationTableSchema: db.schema };
  if (db.dialect !== 'postgres') return {};
  const r = await sql<{ s: string | null }>`select current_schema() as s`.execute(db.kysely);
  const s = r.rows[0]?.s;
  return s ? { migrationTableSchema: s } : {};
}

/** Names of migrations this build has that the database has not run (a migrated database: none). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, ...(await migrationSchema(db)), provider: new StaticProvider(allMigrations(db)) });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}

/** The newest migration this build knows (names sort in order: 0001-…, 0002-…). */
export function latestMigrationName(): string {
  return Object.keys(allMigrations({ dialect: 'sqlite' } as Db)).sort().at(-1)!;
}
