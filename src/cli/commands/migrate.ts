import { EXIT, parseFlags, type Io } from '../io.ts';
import { configFrom, withServices } from './services.ts';

export const MIGRATE_USAGE = `usage: dateline migrate

Brings the database schema up to date (SQLite file or DATABASE_URL) and
lists the migrations it ran. Safe to run again: it then runs nothing.`;

export async function migrateCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, {});
  if (values.help) return (io.out(MIGRATE_USAGE), EXIT.ok);
  const config = configFrom(io);
  return withServices(config, async (_s, ran) => {
    const where = config.dialect === 'sqlite' ? config.databaseUrl.slice('sqlite:'.length) : 'PostgreSQL (DATABASE_URL)';
    if (!ran.length) io.out(`database is up to date (${where}); no migrations ran`);
    else {
      for (const name of ran) io.out(`ran ${name}`);
      io.out(`${ran.length} migration${ran.length === 1 ? '' : 's'} applied to ${where}`);
    }
    return EXIT.ok;
  });
}
