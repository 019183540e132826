import { ConfigError } from '../config.ts';
import { AppError } from '../domain/shared/errors.ts';
import { apikeyCommand } from './commands/apikey.ts';
import { checkCommand } from './commands/check.ts';
import { jobsCommand } from './commands/jobs.ts';
import { importCommand } from './commands/import.ts';
import { exportCommand } from './commands/export.ts';
import { namesCommand } from './commands/names.ts';
import { searchGramsCommand } from './commands/search-grams.ts';
import { searchReindexCommand } from './commands/search-reindex.ts';
import { configFrom, withServices } from './commands/services.ts';
import { userCommand } from './commands/user.ts';
import { backupCommand } from './commands/backup.ts';
import { restoreCommand } from './commands/restore.ts';
import { migrateCommand } from './commands/migrate.ts';
import { seedDemoCommand } from './commands/seed-demo.ts';
import { serveCommand } from './commands/serve.ts';
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
const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  'seed-demo': seedDemoCommand,
  apikey: apikeyCommand,
  backup: backupCommand,
  restore: restoreCommand,
  names: (args, io) => namesCommand(args, io.out),
  check: (args, io) => checkCommand(args, io.out),
  'search-grams': (args, io) => searchGramsCommand(args, io),
  'search-reindex': (args, io) => searchReindexCommand(args, io),
  jobs: jobsCommand,
  import: importCommand,
  export: exportCommand,
  user: (args, io) => withServices(configFrom(io), (s) => userCommand(args, io.out, s)),
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
