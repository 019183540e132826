import { ConfigError } from '../config.ts';
import { AppError } from '../domain/shared/errors.ts';
import { EXIT, UsageError, type Io } from './io.ts';

export const USAGE = `usage: dateline COMMAND [options]

commands:
  serve                                   run the site and APIs (what \`npm start\` runs)
  migrate                                 bring the database schema up to date
  seed-demo [--force]                     seed demo content into an empty database
  apikey create --name NAME --role ROLE   create an Admin API key (printed once on stdout)
  apikey list                             list API keys
  apikey revoke ID                        revoke an API key
  user create --email E --name N --role R [--password P]
                                          create a staff account (password prompted when omitted)
  backup FILE [--force]                   online backup with a manifest (SQLite copy or pg_dump, media)
  restore FILE                            put a backup back, checked, while no server runs
  names key NAME...                       transliteration key of each name
  check FILE.md                           editorial checks on a Markdown story
  search-grams status|build|off           common-grams for fast phrases on a large SQLite index
  search-reindex [--batch N]              rebuild every story's search entry (after a restore)
  jobs [list|retry ID|discard ID]         the job queue: counts, waiting, running and dead jobs
  import wordpress FILE.xml               import a WordPress export (re-runs update, never duplicate)
  import ghost FILE.json                  import a Ghost export (the same)
  import dateline FILE [--media DIR]      read a Dateline export into a fresh install
  export FILE [--with-accounts]           the whole site as a Dateline export (JSON Lines) and FILE.media/

Every command reads the same environment as the server (DATELINE_DATA_DIR,
DATABASE_URL, ...). \`dateline COMMAND --help\` describes one command.
Exit codes: 0 done, 1 failed, 2 wrong usage or configuration.`;

type Command = (args: string[], io: Io) => Promise<number>;

/**
 * A command whose module loads only when it runs: `dateline import` does not
 * hold the HTTP server, the site's pages and the admin in memory (nor, run
 * from the sources, compile them), and `dateline serve` not the importers.
 */
const lazy =
  <M>(load: () => Promise<M>, pick: (m: M) => Command): Command =>
  async (args, io) =>
    pick(await load())(args, io);

const COMMANDS: Record<string, Command> = {
  serve: lazy(() => import('./commands/serve.ts'), (m) => m.serveCommand),
  migrate: lazy(() => import('./commands/migrate.ts'), (m) => m.migrateCommand),
  'seed-demo': lazy(() => import('./commands/seed-demo.ts'), (m) => m.seedDemoCommand),
  apikey: lazy(() => import('./commands/apikey.ts'), (m) => m.apikeyCommand),
  backup: lazy(() => import('./commands/backup.ts'), (m) => m.backupCommand),
  restore: lazy(() => import('./commands/restore.ts'), (m) => m.restoreCommand),
  names: lazy(() => import('./commands/names.ts'), (m) => (args, io) => m.namesCommand(args, io.out)),
  check: lazy(() => import('./commands/check.ts'), (m) => (args, io) => m.checkCommand(args, io.out)),
  'search-grams': lazy(() => import('./commands/search-grams.ts'), (m) => m.searchGramsCommand),
  'search-reindex': lazy(() => import('./commands/search-reindex.ts'), (m) => m.searchReindexCommand),
  jobs: lazy(() => import('./commands/jobs.ts'), (m) => m.jobsCommand),
  import: lazy(() => import('./commands/import.ts'), (m) => m.importCommand),
  export: lazy(() => import('./commands/export.ts'), (m) => m.exportCommand),
  user: lazy(
    () => Promise.all([import('./commands/services.ts'), import('./commands/user.ts')]),
    ([services, user]) => (args, io) => services.withServices(services.configFrom(io), (s) => user.userCommand(args, io.out, s)),
  ),
};

/** Runs one command line and returns its exit code; never calls process.exit itself. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`error: unknown command "${name}"\n`);
    io.err(USAGE);
    return EXIT.usage;
  }
  try {
    return await command(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}`);
      io.err(`run \`dateline ${name} --help\` for usage`);
      return EXIT.usage;
    }
    if (e instanceof ConfigError) {
      io.err(`configuration error: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof AppError) {
      const details = e.problems.length > 1 ? e.problems.map((p) => `\n  ${p.field}: ${p.message}`).join('') : '';
      io.err(`error: ${e.message}${details}`);
      return e.code === 'VALIDATION_FAILED' || e.code === 'BAD_REQUEST' ? EXIT.usage : EXIT.failed;
    }
    io.err(`error: ${(e as Error)?.message ?? String(e)}`);
    if (io.env.DEBUG) io.err(String((e as Error)?.stack ?? ''));
    return EXIT.failed;
  }
}
