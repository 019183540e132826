/**
 * The reference: a bare Node http server answering every request with the
 * exact bytes and headers Dateline sent for the same URL. What Dateline
 * loses against it is the cost of the framework, routing and cache lookup.
 */
import http from 'node:http';

interface Fixture {
  body: string; // base64
  headers: Record<string, string>;
}

process.on('message', (m: { fixture: Fixture }) => {
  const body = Buffer.from(m.fixture.body, 'base64');
  const headers = m.fixture.headers;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  server.keepAliveTimeout = 10_000;
  server.listen(0, '127.0.0.1', () => {
    const a = server.address() as { port: number };
    process.send?.({ address: `http://127.0.0.1:${a.port}` });
  });
});
