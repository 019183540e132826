/**
 * What `npm run faults` (bench/faults.ts) is made of: a scene (a data folder
 * and a database: SQLite, or a PostgreSQL cluster of the script's own that
 * it may restart), real `dateline serve` processes on it, and readers that
 * post comments as a browser does (challenge fetched, proof of work solved,
 * JSON posted) and remember which ones the server acknowledged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { loadConfig } from '../src/config.ts';
import { parseArticleInput } from '../src/domain/articles/index.ts';
import { createServices, type Services } from '../src/main.ts';
import { migrateToLatest, openDatabase } from '../src/storage/index.ts';
import { freePort } from './loopback.ts';
import { startPrivateCluster, type PrivateCluster } from './private-pg.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/dateline.mjs');
export type Dialect = 'sqlite' | 'postgres';

export interface Scene {
  dialect: Dialect;
  env: NodeJS.ProcessEnv;
  url: string;
  storyId: number;
  pg?: PrivateCluster;
  /** Domain services on the scene's database, for setting up and for counting what was stored. */
  withServices<T>(fn: (s: Services) => Promise<T>): Promise<T>;
  destroy(): void;
}

export async function makeScene(dialect: Dialect, opts: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Scene> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `dateline-faults-${dialect}-`));
  const port = await freePort();
  const pg = dialect === 'postgres' ? await startPrivateCluster() : undefined;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME, DATELINE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATELINE_SEED_DEMO: 'false',
    WORKERS: '1', HOST: '127.0.0.1', PORT: String(port), SITE_URL: 'http://news.test', TRUST_PROXY_HOPS: '1', READY_MIN_FREE_MB: '1',
    ...(pg ? { DATABASE_URL: pg.url } : {}), ...opts.env,
  };
  const withServices = async <T>(fn: (s: Services) => Promise<T>): Promise<T> => {
    const config = loadConfig(env);
    const db = openDatabase(config);
    const services = createServices(config, db);
    try {
      return await fn(services);
    } finally {
      await services.changes.stop();
      await db.close();
    }
  };
  const storyId = await withServices(async (s) => {
    await migrateToLatest(s.db);
    // Every reader here has an address of its own; the script measures loss, not the flood rules.
    await s.comments.settings.updateRules({ powCost: 10, powMaxCounter: 40, storyPerMinute: 1_000_000, minSubmitSeconds: 0 });
    const story = await s.articles.create(parseArticleInput({ headline: 'The faults story', bodyMarkdown: 'Readers comment here.', status: 'published' }, 'create'), 'faults');
    return story.id;
  });
  return {
    dialect, env, url: `http://127.0.0.1:${port}`, storyId, pg, withServices,
    destroy() {
      pg?.destroy();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Instance {
  child: ChildProcess;
  output(): string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** `dateline serve`, resolved once it says it is running. */
export async function serve(scene: Scene, env: NodeJS.ProcessEnv = {}): Promise<Instance> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...scene.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    const check = () => /Dateline is running at/.test(out) && (child.stdout!.off('data', check), resolve());
    child.stdout!.on('data', check);
    void gone.then(() => reject(new Error(`dateline serve exited before it ran: ${out}`)));
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await gone;
  };
  return { child, output: () => out, kill9: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

/** What the server answered, by status ('refused' when nothing listened), and which comments it acknowledged. */
export class Tally {
  readonly statuses = new Map<string, number>();
  readonly acknowledged = new Set<string>();

  count(status: number | 'refused'): void {
    this.statuses.set(String(status), (this.statuses.get(String(status)) ?? 0) + 1);
  }

  get internalErrors(): number {
    return [...this.statuses].filter(([s]) => s.startsWith('5') && s !== '503').reduce((n, [, c]) => n + c, 0);
  }

  get unavailable(): number {
    return this.statuses.get('503') ?? 0;
  }
}

/** A reader's comment: its own address and a marker that finds it in the table. */
export interface Submission {
  ip: string;
  marker: string;
  body: string;
}

/** Fetches and solves a challenge as the comment form's script does. */
export async function prepareComment(scene: Scene, marker: string, n: number): Promise<Submission> {
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const res = await fetch(`${scene.url}/news/${scene.storyId}/comments/challenge`, { headers: { 'x-forwarded-for': ip } });
  if (!res.ok) throw new Error(`challenge answered ${res.status}`);
  const challenge = (await res.json()) as Parameters<typeof solveChallenge>[0]['challenge'];
  const solution = await solveChallenge({ challenge, deriveKey });
  const altcha = Buffer.from(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution })).toString('base64');
  const body = JSON.stringify({ name: `Reader ${n}`, email: `reader${n}@faults.example`, body: `Comment ${marker}: the council vote was closer than reported.`, altcha });
  return { ip, marker, body };
}

export async function postComment(scene: Scene, sub: Submission, tally: Tally): Promise<number | 'refused'> {
  try {
    const res = await fetch(`${scene.url}/news/${scene.storyId}/comments`, {
      method: 'POST', body: sub.body, signal: AbortSignal.timeout(30_000),
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-forwarded-for': sub.ip },
    });
    await res.arrayBuffer();
    tally.count(res.status);
    if (res.status === 201 || res.status === 202) tally.acknowledged.add(sub.marker);
    return res.status;
  } catch {
    tally.count('refused');
    return 'refused';
  }
}

/** A reader who got "try again" (503, or no answer) tries again, a few times, a moment apart. */
export async function postAgain(scene: Scene, sub: Submission, tally: Tally): Promise<void> {
  for (let i = 0; i < 8; i++) {
    const status = await postComment(scene, sub, tally);
    if (status !== 503 && status !== 'refused') return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** GETs a path, counting its status. */
export async function read(scene: Scene, pathname: string, tally: Tally): Promise<void> {
  try {
    const res = await fetch(scene.url + pathname, { signal: AbortSignal.timeout(30_000) });
    await res.arrayBuffer();
    tally.count(res.status);
  } catch {
    tally.count('refused');
  }
}

/** Runs `work` over `items`, `width` at a time. */
export async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** How many times each marker is in the story's comments. */
export async function storedMarkers(scene: Scene): Promise<Map<string, number>> {
  return scene.withServices(async (s) => {
    const rows = await s.db.kysely.selectFrom('comments').select('body').where('article_id', '=', scene.storyId).execute();
    const seen = new Map<string, number>();
    for (const r of rows) {
      const m = /Comment (\S+):/.exec(r.body);
      if (m) seen.set(m[1], (seen.get(m[1]) ?? 0) + 1);
    }
    return seen;
  });
}

export interface Outcome {
  scenario: string;
  dialect: Dialect | 'both';
  acknowledged: number;
  stored: number;
  lost: number;
  twice: number;
  internalErrors: number;
  unavailable: number;
  /** Requests that found no server (the killed instance) or lost their connection. */
  refused: number;
  note: string;
}

/** Acknowledged comments against the table: each must be there exactly once. */
export async function commentOutcome(scene: Scene, scenario: string, tally: Tally, note: string): Promise<Outcome> {
  const stored = await storedMarkers(scene);
  let lost = 0;
  for (const m of tally.acknowledged) if (!stored.has(m)) lost++;
  const twice = [...stored.values()].filter((n) => n > 1).length;
  return { scenario, dialect: scene.dialect, acknowledged: tally.acknowledged.size, stored: stored.size, lost, twice, internalErrors: tally.internalErrors, unavailable: tally.unavailable, refused: tally.statuses.get('refused') ?? 0, note };
}
