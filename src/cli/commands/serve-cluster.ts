import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../config.ts';
import { createApp, createServices, type App, type Services } from '../../main.ts';
import { PrimaryWakeSignal, relayWakeUps, WorkerWakeSignal } from '../../cluster/ipc-signal.ts';
import { migrateToLatest, openDatabase } from '../../storage/index.ts';
import type { Io } from '../io.ts';
import { KEEP_COMPILED_CODE_AFTER_MS, keepCompiledCode } from './compiled-code.ts';

/**
 * `dateline serve` with WORKERS > 1: one primary process and WORKERS worker
 * processes sharing the port (node:cluster hands connections round robin).
 * The primary migrates the database, makes the first-start key, prints the
 * banner once and seeds the demo paper; it serves nothing itself. Each
 * worker is a whole instance; on SQLite they wake each other through the
 * primary, so a change made through any worker is fresh on all of them.
 * A worker that dies is replaced.
 */
type Msg = { type: 'dateline:listening'; address: string } | { type: 'dateline:failed'; message: string };

export interface PrimaryHooks {
  /** What the single-process serve does once the port is ours: the key, the banner. */
  announce(services: Services, address: string): Promise<void>;
  /** The demo seeding of a first start, in the background. */
  seed(services: Services): void;
}

export async function serveWorker(config: Config, io: Io): Promise<number> {
  const wake = config.redisUrl || config.dialect === 'postgres' ? undefined : new WorkerWakeSignal();
  let app: App | null = null;
  try {
    app = await createApp(config, { wake });
    await app.server.listen({ host: config.host, port: config.port });
    const addr = app.server.server.address() as AddressInfo;
    process.send?.({ type: 'dateline:listening', address: `${addr.address}:${addr.port}` } satisfies Msg);
    // Workers keep the compiled code, not the primary: it runs no HTTP server, so its code would lack the requests'.
    setTimeout(keepCompiledCode, KEEP_COMPILED_CODE_AFTER_MS).unref();
  } catch (e) {
    process.send?.({ type: 'dateline:failed', message: (e as Error).message } satisfies Msg);
    await app?.close().catch(() => undefined);
    return 1;
  }
  const running = app;
  return new Promise<number>((resolve) => {
    let closing = false;
    // The primary stops a worker with SIGTERM (or by going away); open requests finish first, for at most the grace.
    const stop = () => {
      if (closing) return;
      closing = true;
      keepCompiledCode();
      setTimeout(() => (io.err(`worker ${process.pid}: shutdown took too long; exiting`), process.exit(1)), SHUTDOWN_GRACE_MS).unref();
      running.close().then(
        () => {
          // The IPC channel would keep this process alive.
          if (process.connected) process.disconnect();
          resolve(0);
        },
        () => resolve(1),
      );
    };
    process.once('SIGTERM', stop);
    // Ctrl+C reaches every process of the group: the primary orders the shutdown.
    process.on('SIGINT', () => undefined);
    process.once('disconnect', stop);
  });
}

/** As long as a single process waits for its open requests on shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function servePrimary(config: Config, io: Io, hooks: PrimaryHooks): Promise<number> {
  const db = openDatabase(config);
  await migrateToLatest(db);
  const services = createServices(config, db, undefined, (e) => io.err(`background error: ${(e as Error).message}`), new PrimaryWakeSignal());
  let stopping = false;
  const fork = (): Worker => {
    const w = cluster.fork();
    relayWakeUps(w);
    w.on('exit', (code, signal) => {
      if (stopping) return;
      io.err(`worker ${w.process.pid} exited (${signal ?? code}); starting another`);
      fork();
    });
    return w;
  };
  const workers = Array.from({ length: config.workers }, fork);
  // The banner waits for every worker: were one killed while another is still starting, the
  // port would close (node:cluster closes a listening socket with no worker left on it).
  const first = await new Promise<Msg>((resolve) => {
    let listening = 0;
    for (const w of workers) {
      w.on('message', (m: Msg) => {
        if (m.type === 'dateline:failed') resolve(m);
        else if (m.type === 'dateline:listening' && ++listening === workers.length) resolve(m);
      });
    }
  });
  const stop = async (): Promise<void> => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    const exits = alive.map((w) => new Promise((r) => w.once('exit', r)));
    for (const w of alive) w.process.kill('SIGTERM');
    // A worker past its own grace is ended: a stopped server must not linger.
    const late = setTimeout(() => alive.forEach((w) => w.isDead() || w.process.kill('SIGKILL')), SHUTDOWN_GRACE_MS + 2000);
    await Promise.all(exits);
    clearTimeout(late);
    await services.changes.stop();
    await db.close();
  };
  if (first.type === 'dateline:failed') {
    await stop();
    throw new Error(first.message);
  }
  const [host, port] = [first.address.slice(0, first.address.lastIndexOf(':')), first.address.slice(first.address.lastIndexOf(':') + 1)];
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  await hooks.announce(services, `http://${shown}:${port}`);
  io.err(`serving with ${config.workers} worker processes (WORKERS)`);
  hooks.seed(services);
  return new Promise<number>((resolve) => {
    const onSignal = (signal: string) => {
      if (stopping) return;
      io.err(`${signal}: closing (finishing open requests)…`);
      stop().then(
        () => (io.err('stopped'), resolve(0)),
        () => resolve(1),
      );
    };
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
  });
}
