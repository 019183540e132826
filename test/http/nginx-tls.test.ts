import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { freePort } from '../helpers/loopback.ts';

/**
 * deploy/nginx/dateline-tls.conf, run by Debian's nginx in front of the app
 * with a certificate made here: plain HTTP is redirected, the site answers
 * over TLS with HSTS, staff cookies are Secure, and the client address the
 * app counts is the real one, whatever X-Forwarded-For the client forges.
 */
const NGINX = '/usr/sbin/nginx';
const skip = fs.existsSync(NGINX) ? false : `${NGINX} is not installed (apt-get install nginx)`;

function request(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path: urlPath, headers, rejectUnauthorized: false, servername: 'news.test' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const dialect of DIALECTS.slice(0, 1)) {
  describe(`${dialect}: nginx with TLS in front (deploy/nginx/dateline-tls.conf)`, { skip }, () => {
    let app: TestApp;
    let nginx: ChildProcess;
    let dir: string;
    let plain: number;
    let tls: number;
    before(async () => {
      app = await createTestApp(dialect, undefined, { env: { SITE_URL: 'https://news.test', TRUST_PROXY_HOPS: '1', SEARCH_RATE_LIMIT: '2' } });
      await app.server.listen({ port: 0, host: '127.0.0.1' });
      const appPort = (app.server.server.address() as net.AddressInfo).port;
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-nginx-tls-'));
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=news.test', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`], { stdio: 'ignore' });
      [plain, tls] = [await freePort(), await freePort()];
      const conf = fs
        .readFileSync(path.resolve(import.meta.dirname, '../../deploy/nginx/dateline-tls.conf'), 'utf8')
        .replace('server 127.0.0.1:8080;', `server 127.0.0.1:${appPort};`)
        .replace('listen 80;', `listen 127.0.0.1:${plain};`)
        .replace('listen 443 ssl http2;', `listen 127.0.0.1:${tls} ssl http2;`)
        .replace('/etc/ssl/certs/news.example.org.pem', `${dir}/cert.pem`)
        .replace('/etc/ssl/private/news.example.org.key', `${dir}/key.pem`);
      assert.match(conf, new RegExp(`listen 127.0.0.1:${tls} ssl`), 'the shipped file still has the lines this test rewrites');
      fs.writeFileSync(`${dir}/site.conf`, conf);
      fs.writeFileSync(
        `${dir}/nginx.conf`,
        `worker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  include ${dir}/site.conf;\n}\n`,
      );
      nginx = spawn(NGINX, ['-p', dir, '-c', `${dir}/nginx.conf`, '-g', 'daemon off;'], { stdio: 'ignore' });
      for (let i = 0; ; i++) {
        const up = await new Promise<boolean>((r) => net.connect(tls, '127.0.0.1').once('connect', function (this: net.Socket) { this.end(); r(true); }).once('error', () => r(false)));
        if (up) break;
        if (i > 100 || nginx.exitCode !== null) assert.fail(`nginx did not start: ${fs.existsSync(`${dir}/error.log`) ? fs.readFileSync(`${dir}/error.log`, 'utf8') : ''}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    after(async () => {
      if (nginx && nginx.exitCode === null) {
        const gone = new Promise((r) => nginx.once('exit', r));
        nginx.kill('SIGQUIT');
        await gone;
      }
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      await app?.cleanup();
    });

    test('plain HTTP is redirected to HTTPS', async () => {
      const res = await fetch(`http://127.0.0.1:${plain}/search?q=x`, { redirect: 'manual' });
      assert.equal(res.status, 301);
      assert.match(res.headers.get('location') ?? '', /^https:\/\/127\.0\.0\.1\/search\?q=x$/);
    });

    test('over TLS the site answers with HSTS, and staff cookies are Secure', async () => {
      const home = await request(tls, '/');
      assert.equal(home.status, 200);
      assert.match(String(home.headers['strict-transport-security']), /max-age=31536000/);
      const signIn = await request(tls, '/admin/sign-in');
      assert.equal(signIn.status, 200);
      const cookies = ([] as string[]).concat(signIn.headers['set-cookie'] ?? []);
      assert.ok(cookies.length > 0, 'the sign-in form sets its CSRF cookie');
      for (const c of cookies) assert.match(c, /^__Host-.*; Secure/i);
    });

    test('the client address is the real one: forged X-Forwarded-For values share one search limit', async () => {
      const statuses = [];
      for (const forged of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
        statuses.push((await request(tls, '/search?q=harbour', { 'x-forwarded-for': forged })).status);
      }
      assert.deepEqual(statuses, [200, 200, 429]);
    });
  });
}
