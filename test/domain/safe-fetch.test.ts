import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createSafeFetch, isPublicAddress, UrlNotAllowedError } from '../../src/domain/shared/safe-fetch.ts';

/**
 * The SSRF-safe client (HOSTILE-INPUTS §1.14, battery row 13): a loopback
 * canary counts connections; every hostile address is refused and the
 * canary sees none. A second loopback address (127.0.0.2) stands in for
 * "the internet" where a test needs a server that is allowed.
 */
describe('safe fetch', () => {
  let canary: net.Server;
  let canaryPort = 0;
  let connections = 0;
  let outside: http.Server;
  let outsidePort = 0;

  before(async () => {
    canary = net.createServer((s) => {
      connections++;
      s.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}');
    });
    await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
    canaryPort = (canary.address() as net.AddressInfo).port;
    outside = http.createServer((req, res) => {
      if (req.url === '/to-canary') return res.writeHead(302, { location: `http://127.0.0.1:${canaryPort}/` }).end();
      if (req.url === '/big') return res.writeHead(200, { 'content-type': 'application/json' }).end('x'.repeat(5000));
      if (req.url === '/html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
      if (req.url === '/hop') return res.writeHead(301, { location: '/ok' }).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"title":"ok"}');
    });
    await new Promise<void>((r) => outside.listen(0, '127.0.0.2', r));
    outsidePort = (outside.address() as net.AddressInfo).port;
  });
  after(() => {
    canary.close();
    outside.close();
  });

  const json = { accept: ['application/json'], maxBytes: 1000, timeoutMs: 3000 };

  test('loopback, private, metadata and odd spellings of them: 422 url_not_allowed, no connection', async () => {
    // The canary's port is allowed, so only the address check stands between these and the canary.
    const fetch = createSafeFetch({ extraPorts: [canaryPort] });
    const p = canaryPort;
    for (const url of [
      `http://127.0.0.1:${p}/`, `http://localhost:${p}/`, `http://localhost.:${p}/`, `http://0:${p}/`, `http://2130706433:${p}/`, `http://0x7f.1:${p}/`,
      `http://[::1]:${p}/`, `http://[::ffff:7f00:1]:${p}/`, `http://[::ffff:127.0.0.1]:${p}/`, `http://169.254.169.254/latest/meta-data/`,
      `http://10.0.0.1/`, `http://192.168.1.1/`, `http://100.64.0.1/`, `http://[fd00::1]/`, `http://[fe80::1]/`,
      'file:///etc/passwd', `gopher://127.0.0.1:${p}/`, `http://user:pw@127.0.0.1:${p}/`,
    ]) {
      await assert.rejects(fetch(url, json), (e: unknown) => e instanceof UrlNotAllowedError && (e as UrlNotAllowedError).status === 422, url);
    }
    assert.equal(connections, 0);
  });

  test('other ports than the web’s are refused', async () => {
    await assert.rejects(createSafeFetch()(`http://127.0.0.2:${outsidePort}/`, json), UrlNotAllowedError);
  });

  test('a redirect is checked again at every hop: an allowed server that 302s to the canary is refused', async () => {
    const fetch = createSafeFetch({ extraPorts: [outsidePort, canaryPort], isAllowedAddress: (ip) => ip === '127.0.0.2' });
    const ok = await fetch(`http://127.0.0.2:${outsidePort}/hop`, json);
    assert.equal(ok.body.toString(), '{"title":"ok"}', 'the allowed server is reached (so the refusals below are the check’s doing)');
    await assert.rejects(fetch(`http://127.0.0.2:${outsidePort}/to-canary`, json), UrlNotAllowedError);
    await assert.rejects(fetch(`http://127.0.0.2:${outsidePort}/big`, json), /too large/);
    await assert.rejects(fetch(`http://127.0.0.2:${outsidePort}/html`, json), /content type/);
    assert.equal(connections, 0);
  });

  test('isPublicAddress', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '142.250.74.46']) assert.equal(isPublicAddress(ip), true, ip);
    for (const ip of ['127.0.0.1', '0.0.0.0', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '224.0.0.1', '255.255.255.255',
      '::1', '::', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a00:1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::', 'fd12::1', 'fe80::1', 'ff02::1', 'not-an-ip']) {
      assert.equal(isPublicAddress(ip), false, ip);
    }
  });
});
