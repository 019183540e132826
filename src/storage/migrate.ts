import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './dialect.ts';
import { contentMigration } from './migrations/0001-content.ts';

function allMigrations(db: Db): Record<string, Migration> {
  return {
    '0001-content': contentMigration(db.dialect),
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
  const migrator = new Migrator({ db: db.kysely, provider: new StaticProvider(allMigrations(db)) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
