import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './loopback.ts';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivateCluster {
  url: string;
  port: number;
  stop(): void;
  start(): void;
  /** Resolves when the server is back; requests may be sent meanwhile. */
  restart(): Promise<void>;
  destroy(): void;
}

/**
 * A throwaway PostgreSQL cluster of this test's own, on its own port and
 * socket folder, that the test may stop and restart: the machine's shared
 * cluster on 5432 is never touched (other suites run on it). initdb will
 * not run as root, so when we are root the cluster belongs to `postgres`.
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-pgc-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    fs.chmodSync(dir, 0o755);
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  const command = (bin: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, bin), ...args]] : [path.join(BIN, bin), args]);
  const run = (bin: string, args: string[]) => {
    const [cmd, argv] = command(bin, args);
    return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const ctl = (...args: string[]) => run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', ...args]);
  ctl('-o', opts, 'start');
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      ctl('-m', 'fast', 'stop');
      running = false;
    },
    start() {
      ctl('-o', opts, 'start');
      running = true;
    },
    restart() {
      const [cmd, argv] = command('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', '-m', 'fast', '-o', opts, 'restart']);
      return new Promise((resolve, reject) => execFile(cmd, argv, { cwd: dir }, (err) => (err ? reject(err) : resolve())));
    },
    destroy() {
      if (running) {
        try {
          ctl('-m', 'immediate', 'stop');
        } catch {
          // already gone: nothing to stop
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
