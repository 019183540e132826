import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Config } from '../../config.ts';
import cluster from 'node:cluster';
import { createApp, type App, type Services } from '../../main.ts';
import { lockDataDir } from '../../storage/index.ts';
import { servePrimary, serveWorker } from './serve-cluster.ts';
import { keepHeapNearLive } from '../heap.ts';
import { EXIT, parseFlags, type Io } from '../io.ts';
import { articleCount, configFrom } from './services.ts';
import { KEEP_COMPILED_CODE_AFTER_MS, keepCompiledCode } from './compiled-code.ts';
import { loadConfig } from '../../config.ts';

export const SERVE_USAGE = `usage: dateline serve

Runs the site, the newsroom and the APIs on HOST:PORT (default 127.0.0.1:8080).
On first start it seeds demo content into an empty database (unless
DATELINE_SEED_DEMO=false) and creates an admin API key, shown once.`;

/** Never wait longer than this for open requests and connections to drain on shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;

/** First start: with no key at all, make one admin key so the Admin API can be used, and show it once. */
async function firstKey(app: Pick<Services, 'apiKeys'>): Promise<string | null> {
  if ((await app.apiKeys.list()).length) return null;
  const { key } = await app.apiKeys.create('initial-admin', 'admin', 'first-start');
  return key;
}

function banner(io: Io, config: Config, address: string, key: string | null, hasAdmin: boolean): void {
  io.out('');
  io.out(`Dateline is running at ${address}`);
  if (config.siteUrl !== address) io.out(`Public site URL (SITE_URL): ${config.siteUrl}`);
  io.out(`  site:       ${address}/`);
  io.out(`  newsroom:   ${address}/admin`);
  io.out(`  Admin API:  ${address}/api/admin/v1/  (docs/admin-api.md)`);
  if (!hasAdmin) {
    io.out('');
    io.out(`No staff account yet: create the first admin at ${address}/admin/setup`);
    io.out('  or: npx dateline user create --email you@example.org --name "Your Name" --role admin');
  }
  if (key && io.isTty) {
    io.out('');
    io.out(`Admin API key (shown once, store it now): ${key}`);
    io.out(`  try: curl -H "Authorization: Bearer ${key}" ${address}/api/admin/v1/me`);
  } else if (key) {
    const file = keyFile(config, key);
    io.out('');
    io.out(`Admin API key written to ${file} (readable by this user only): store it elsewhere, then delete the file`);
  }
  io.out('');
  io.out('Press Ctrl+C to stop.');
}

/**
 * Where the first key goes when nobody is at a terminal: under systemd or
 * docker, stdout is the log, and a key printed there is readable by anyone
 * who can read the logs, and kept as long as they are.
 */
export const INITIAL_KEY_FILE = 'initial-admin-api-key.txt';

function keyFile(config: Config, key: string): string {
  const file = path.join(config.dataDir, INITIAL_KEY_FILE);
  fs.rmSync(file, { force: true });
  // 'wx' with the mode: the file is created 0600, never briefly readable by others.
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return file;
}

/** Closes the app on SIGINT/SIGTERM; returns a function that removes exactly these handlers. */
function onSignals(io: Io, app: App, done: (code: number) => void): () => void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) {
      io.err(`${signal} again: exiting now`);
      process.exit(1);
    }
    closing = true;
    io.err(`${signal}: closing (finishing open requests)…`);
    // A server stopped before the timer below still leaves its compiled code to the next start.
    keepCompiledCode();
    // Something still holding the loop open must not keep a stopped server's process alive.
    const timer = setTimeout(() => (io.err('shutdown took too long; exiting'), process.exit(1)), SHUTDOWN_GRACE_MS);
    timer.unref();
    app.close().then(
      () => (clearTimeout(timer), io.err('stopped'), done(0)),
      (e) => (io.err(`error while closing: ${(e as Error).message}`), done(1)),
    );
  };
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
}

/** Resolves with the exit code once the server has been stopped by a signal. */
export async function serveCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, {});
  if (values.help) return (io.out(SERVE_USAGE), EXIT.ok);
  // The primary names the database; its workers use the same one and stay quiet about it.
  const config = cluster.isWorker ? loadConfig(io.env) : configFrom(io);
  keepHeapNearLive();
  // Held by every server process while it runs (shared: workers and other instances coexist),
  // so `dateline restore` cannot replace the database under it (storage/data-dir-lock.ts).
  const lock = lockDataDir(config.dataDir, 'shared');
  if (config.workers > 1) {
    const run = cluster.isWorker
      ? serveWorker(config, io)
      : servePrimary(config, io, {
          announce: async (s, address) => banner(io, config, address, await firstKey(s), await s.users.hasAdmin()),
          seed: (s) => void seedOnFirstStart(s, config, io),
        });
    return run.finally(() => lock.release());
  }
  let app: App;
  try {
    app = await createApp(config);
  } catch (e) {
    lock.release();
    throw e;
  }
  // Handlers first: a signal that arrives while the banner prints must still close cleanly.
  let detach = () => {};
  const stopped = new Promise<number>((resolve) => (detach = onSignals(io, app, resolve))).finally(() => lock.release());
  try {
    await app.server.listen({ host: config.host, port: config.port });
    // Only once the port is ours: a key made before a failed listen would never be shown.
    const key = await firstKey(app);
    const addr = app.server.server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address;
    banner(io, config, `http://${host}:${addr.port}`, key, await app.users.hasAdmin());
  } catch (e) {
    detach();
    await app.close().catch(() => undefined);
    lock.release();
    throw e;
  }
  setTimeout(keepCompiledCode, KEEP_COMPILED_CODE_AFTER_MS).unref();
  void seedOnFirstStart(app, config, io);
  return stopped;
}

/**
 * Seeding takes a while (images are encoded); the server answers meanwhile and
 * stories appear as they are written. A failure is reported, not fatal.
 *
 * It runs as a child process (`dateline seed-demo`), not in the server:
 * encoding the demo's images at five widths leaves native memory behind
 * (libvips buffers freed into glibc's per-thread malloc arenas, which keep
 * their pages), about 160 MB of a plain `npm start`'s resident memory that
 * the server then kept for its whole life. A child returns all of it when it
 * exits. The server sees the new stories through the change feed, as it sees
 * another instance's writes (within CHANGE_POLL_MS on one SQLite process).
 */
async function seedOnFirstStart(s: Services, config: Config, io: Io): Promise<void> {
  if (!config.seedDemo || (await articleCount(s)) > 0) return;
  io.err('seeding demo content (first start)…');
  const code = await seedInChild(io).catch((e: Error) => (io.err(`warning: seeding demo content failed: ${e.message}`), null));
  if (code !== null && code !== 0) io.err(`warning: seeding demo content failed (seed-demo exited with ${code})`);
}

/**
 * `dateline seed-demo` through the script this process was started with
 * (bin/dateline.mjs, or the bundle), with the same environment; its output
 * goes to ours. Killed if this process ends first.
 */
function seedInChild(io: Io): Promise<number | null> {
  const child = spawn(process.execPath, [process.argv[1], 'seed-demo'], { env: io.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) io.err(line);
  };
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  const stop = () => child.kill();
  process.once('exit', stop);
  return new Promise((resolve, reject) => {
    child.once('error', (e) => (process.off('exit', stop), reject(e)));
    child.once('exit', (code) => (process.off('exit', stop), resolve(code)));
  });
}
