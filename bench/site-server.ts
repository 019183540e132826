/**
 * The benchmark's Dateline: seeded in this process, then served the way
 * `npm start` serves it (the dist bundle, plain node), in a child process of
 * its own so the load generator does not share its core. Its memory and CPU
 * are read from /proc, so nothing the bench itself holds is counted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/main.ts';
import { buildServer } from '../scripts/build-server.mjs';
import { BUNDLE, bundleIsFresh } from '../scripts/server-bundle.mjs';
import { replicateStories } from './bulk-stories.ts';
import { seedStories } from './fixtures.ts';

/** Past this many stories the rest are SQL copies (bench/bulk-stories.ts): 100,000 service creates take most of an hour. */
const BULK_BASE = 1000;

export function databaseFile(dataDir: string): string {
  return `${dataDir}/dateline.db`;
}

/** A data folder holding `stories` published stories (an existing one is checked, not reseeded); `env` may point DATABASE_URL elsewhere. */
export async function seedSite(dataDir: string, stories: number, env: NodeJS.ProcessEnv = {}): Promise<{ created: number; ms: number }> {
  const t0 = Date.now();
  const config = loadConfig({ DATELINE_DATA_DIR: dataDir, LOG_LEVEL: 'error', DATELINE_SEED_DEMO: 'false', ...env });
  const app = await createApp(config, { jobs: false });
  let created = 0;
  try {
    const existing = (await app.queries.listPublic({}, 1, 0)).total;
    if (existing === 0) {
      const viaService = Math.min(stories, BULK_BASE);
      created = (await seedStories(app, viaService, new Date())).storyIds.length;
    } else if (existing !== stories) {
      throw new Error(`${dataDir} holds ${existing} stories, not ${stories}: remove it or give another folder`);
    }
  } finally {
    await app.close();
  }
  if (created && stories > created) created = replicateStories(databaseFile(dataDir), created, stories);
  return { created, ms: Date.now() - t0 };
}

export async function ensureBundle(): Promise<void> {
  if (!bundleIsFresh()) await buildServer();
}

export interface SiteServer {
  address: string;
  /** When the process was spawned (performance.now()). */
  spawnedAt: number;
  /** Resident and peak resident memory, MB (Linux /proc; null elsewhere). */
  memory(): { rss: number; peak: number } | null;
  /** User + system CPU time of the server process so far, ms (null where /proc is missing). */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * `node dist/dateline.mjs serve` on `dataDir`, answering once it printed its address.
 * `nodeArgs` go before the bundle (`--cpu-prof`, which NODE_OPTIONS refuses).
 */
export async function startSite(dataDir: string, env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): Promise<SiteServer> {
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, BUNDLE, 'serve'], {
    // One process unless the caller asks for workers: the warm-page reference is one process too.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATELINE_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', SITE_URL: 'http://bench.test', LOG_LEVEL: 'error', DATELINE_SEED_DEMO: 'false', WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/Dateline is running at (http:\/\/[\d.]+:\d+)/);
      if (m) resolve(m[1]);
    });
    exited.then((code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
  const proc = (file: string) => {
    try {
      return fs.readFileSync(`/proc/${child.pid}/${file}`, 'utf8');
    } catch {
      return null;
    }
  };
  return {
    address,
    spawnedAt,
    memory() {
      const s = proc('status');
      if (!s) return null;
      const kb = (k: string) => Number(s.match(new RegExp(`${k}:\\s+(\\d+)`))?.[1] ?? NaN) / 1024;
      return { rss: kb('VmRSS'), peak: kb('VmHWM') };
    },
    cpuMs() {
      const s = proc('stat');
      if (!s) return null;
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) * CLOCK_TICK_MS;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
