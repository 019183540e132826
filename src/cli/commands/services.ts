import { loadConfig, type Config } from '../../config.ts';
import { createServices, type Services } from '../../main.ts';
import { migrateToLatest, openDatabase } from '../../storage/index.ts';
import type { Io } from '../io.ts';

/** The configuration from the environment; a ConfigError is printed by the caller and exits 2. */
export function configFrom(io: Io): Config {
  return loadConfig(io.env);
}

/**
 * Domain services over a migrated database, with no HTTP server: what every
 * command except `serve` runs on. The database is closed however `fn` ends.
 */
export async function withServices<T>(config: Config, fn: (s: Services, ran: string[]) => Promise<T>): Promise<T> {
  const db = openDatabase(config);
  let services: Services | undefined;
  try {
    const ran = await migrateToLatest(db);
    services = createServices(config, db);
    return await fn(services, ran);
  } finally {
    // Running instances hear of what the command wrote: its wake-up goes out before the signal closes.
    await services?.changes.stop();
    await db.close();
  }
}

export async function articleCount(s: Pick<Services, 'queries' | 'likeOp'>): Promise<number> {
  return (await s.queries.listAll({}, 1, 0, s.likeOp)).total;
}
