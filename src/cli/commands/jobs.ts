import { JOB_STATES, type Job, type JobState, type JobStats } from '../../domain/jobs/index.ts';
import { EXIT, parseFlags, UsageError, type Io } from '../io.ts';
import { configFrom, withServices } from './services.ts';

export const JOBS_USAGE = `usage:
  dateline jobs [list] [--state STATE] [--limit N]   counts, then the jobs waiting, running and dead
  dateline jobs retry ID                            run a dead job again now (its attempts start over)
  dateline jobs discard ID                          delete a dead or waiting job: it will not run

states: ${JOB_STATES.join(', ')} (list shows waiting, running and dead unless --state says otherwise)`;

/** Audit actor for retries and discards from the command line. */
const ACTOR = 'cli';
/** Error text in the table: one line, short enough to read in a terminal. */
const ERROR_COLUMN_CHARS = 120;

export function formatAge(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

export function summaryLine(stats: JobStats): string {
  const counts = JOB_STATES.map((s) => `${stats.counts[s]} ${s}`).join(', ');
  return `${counts}; oldest due job waiting ${stats.oldestDueMs ? formatAge(stats.oldestDueMs) : 'none'}`;
}

function row(j: Job): string {
  const error = j.lastError.replace(/\s+/g, ' ').slice(0, ERROR_COLUMN_CHARS);
  return [String(j.id), j.kind, j.state, `${j.attempts}/${j.maxAttempts}`, j.runAt.toISOString(), j.lockedBy ?? '', error].join('\t');
}

async function list(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, { state: { type: 'string' }, limit: { type: 'string' } });
  if (values.help) return (io.out(JOBS_USAGE), EXIT.ok);
  if (values.state !== undefined && !(JOB_STATES as readonly string[]).includes(values.state)) throw new UsageError(`--state must be one of ${JOB_STATES.join(', ')}`);
  if (values.limit !== undefined && !/^[1-9][0-9]{0,4}$/.test(values.limit)) throw new UsageError('--limit must be a whole number from 1 to 99999');
  const states: JobState[] = values.state ? [values.state as JobState] : ['waiting', 'running', 'dead'];
  const limit = Number(values.limit ?? 50);
  return withServices(configFrom(io), async (s) => {
    io.err(summaryLine(await s.jobs.stats()));
    io.out(['id', 'kind', 'state', 'attempts', 'run at', 'instance', 'last error'].join('\t'));
    for (const state of states) for (const j of await s.jobs.list(state, limit)) io.out(row(j));
    return EXIT.ok;
  });
}

function oneId(args: string[], io: Io): number | null {
  const { values, positionals } = parseFlags(args, {}, true);
  if (values.help) return (io.out(JOBS_USAGE), null);
  if (positionals.length !== 1 || !/^[1-9][0-9]{0,9}$/.test(positionals[0])) throw new UsageError('give one job id (a number, see `dateline jobs`)');
  return Number(positionals[0]);
}

async function retry(args: string[], io: Io): Promise<number> {
  const id = oneId(args, io);
  if (id === null) return EXIT.ok;
  return withServices(configFrom(io), async (s) => {
    await s.jobs.retry(id, ACTOR);
    io.err(`job ${id} will run again now (a running instance picks it up within a second)`);
    return EXIT.ok;
  });
}

async function discard(args: string[], io: Io): Promise<number> {
  const id = oneId(args, io);
  if (id === null) return EXIT.ok;
  return withServices(configFrom(io), async (s) => {
    await s.jobs.discard(id, ACTOR);
    io.err(`job ${id} discarded; it will not run`);
    return EXIT.ok;
  });
}

export async function jobsCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub.startsWith('--')) return list(args, io);
  if (sub === 'list') return list(rest, io);
  if (sub === 'retry') return retry(rest, io);
  if (sub === 'discard') return discard(rest, io);
  if (sub === '-h' || sub === 'help') return (io.out(JOBS_USAGE), EXIT.ok);
  throw new UsageError(`unknown jobs command "${sub}"`);
}
