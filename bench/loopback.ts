/**
 * Real services on loopback ports, started and stopped by the benches and
 * the tests that need them: a private redis-server (one a test may stop),
 * nginx from deploy/nginx/dateline-instances.conf with its upstream
 * rewritten, and varnishd with deploy/varnish/default.vcl pointed at a
 * backend port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
export const VARNISHD = '/usr/sbin/varnishd';
export const NGINX = '/usr/sbin/nginx';
export const REDIS_SERVER = '/usr/bin/redis-server';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Proc {
  /** Ended by SIGKILL, as a crash would end it (for fault tests). */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, what: string, log: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited: ${log()}`);
    const up = await new Promise<boolean>((r) => net.connect(port, '127.0.0.1').once('connect', function (this: net.Socket) { this.end(); r(true); }).once('error', () => r(false)));
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not open port ${port}: ${log()}`);
}

function run(cmd: string, args: string[], dir: string): Proc & { child: ChildProcess; log(): string } {
  let out = '';
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return {
    child,
    log: () => out,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await gone;
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startRedis(port: number): Promise<Proc> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-redis-'));
  const p = run(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], dir);
  await waitForPort(port, p.child, 'redis-server', p.log);
  return p;
}

/** nginx with the repository's upstream file, its servers replaced by `backends`. */
export async function startNginx(port: number, backends: number[]): Promise<Proc> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-nginx-'));
  const upstream = backends.map((b) => `    server 127.0.0.1:${b} max_fails=3 fail_timeout=5s;`).join('\n');
  const conf = fs
    .readFileSync(path.join(ROOT, 'deploy/nginx/dateline-instances.conf'), 'utf8')
    .replace(/(upstream dateline_instances \{\n)(?:    server [^\n]+\n)+/, `$1${upstream}\n`)
    .replace('listen 127.0.0.1:8080;', `listen 127.0.0.1:${port};`);
  fs.writeFileSync(path.join(dir, 'dateline.conf'), conf);
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  include ${dir}/dateline.conf;\n}\n`,
  );
  const p = run(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], dir);
  await waitForPort(port, p.child, 'nginx', () => p.log() + (fs.existsSync(`${dir}/error.log`) ? fs.readFileSync(`${dir}/error.log`, 'utf8') : ''));
  return p;
}

export async function startVarnish(port: number, backendPort: number): Promise<Proc> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-varnish-'));
  const vcl = fs.readFileSync(path.join(ROOT, 'deploy/varnish/default.vcl'), 'utf8').replace('.port = "8080"', `.port = "${backendPort}"`);
  fs.writeFileSync(path.join(dir, 'bench.vcl'), vcl);
  const p = run(VARNISHD, ['-F', '-j', 'none', '-T', 'none', '-a', `127.0.0.1:${port}`, '-f', path.join(dir, 'bench.vcl'), '-n', path.join(dir, 'n'), '-s', 'malloc,128m'], dir);
  await waitForPort(port, p.child, 'varnishd', p.log);
  return p;
}
