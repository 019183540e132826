import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const VARNISHD = '/usr/sbin/varnishd';
/** `bash .ci/run` installs Debian's varnish and varnish-modules; a machine without them reports these tests skipped. */
export const skipWithoutVarnish = fs.existsSync(VARNISHD) ? false : `${VARNISHD} is not installed (apt-get install varnish varnish-modules)`;

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

export interface Varnish {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real varnishd on loopback running the repository's own VCL
 * (deploy/varnish/default.vcl) with its backend pointed at `backendPort`.
 */
export async function startVarnish(port: number, backendPort: number): Promise<Varnish> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-varnish-'));
  const vcl = fs.readFileSync(path.resolve(import.meta.dirname, '../../deploy/varnish/default.vcl'), 'utf8').replace('.port = "8080"', `.port = "${backendPort}"`);
  fs.writeFileSync(path.join(dir, 'test.vcl'), vcl);
  let log = '';
  const child: ChildProcess = spawn(VARNISHD, ['-F', '-j', 'none', '-T', 'none', '-a', `127.0.0.1:${port}`, '-f', path.join(dir, 'test.vcl'), '-n', path.join(dir, 'n'), '-s', 'malloc,64m'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`varnishd exited: ${log}`);
    try {
      await fetch(`${url}/robots.txt`);
      break;
    } catch {
      if (i > 150) throw new Error(`varnishd did not answer: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
