import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { storyPath } from '../../src/http/site/paths.ts';
import { easyRules } from '../domain/comments-helpers.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { postJson, postValid } from './comments-client.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The app on a real loopback socket: what a scraper or a forging client on this host reaches. */
async function listen(app: TestApp): Promise<string> {
  await app.server.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: /healthz, /readyz, /metrics`, () => {
    let app: TestApp;
    let base: string;
    let story: string;
    before(async () => {
      app = await createTestApp(dialect, undefined, { env: { METRICS_TOKEN: 'a-long-enough-scrape-token' } });
      const a = await app.articles.create(parseArticleInput({ headline: 'Harbour reopens', bodyMarkdown: 'Boats are back.', status: 'published', publishedAt: '2026-05-01T08:00:00Z' }, 'create'), 'test');
      story = storyPath(a);
      base = await listen(app);
    });
    after(async () => app.cleanup());

    test('/healthz answers; /readyz reports the database migrated and the data disk writable, with no secrets', async () => {
      const h = await fetch(`${base}/healthz`);
      assert.equal(h.status, 200);
      assert.deepEqual(await h.json(), { status: 'ok' });
      const r = await fetch(`${base}/readyz`);
      assert.equal(r.status, 200);
      const body = (await r.json()) as { status: string; checks: Record<string, { ok: boolean; migrated?: boolean; writable?: boolean; freeBytes?: number }> };
      assert.equal(body.status, 'ready');
      assert.equal(body.checks.database.ok, true);
      assert.equal(body.checks.database.migrated, true);
      assert.equal(body.checks.disk.writable, true);
      assert.ok((body.checks.disk.freeBytes ?? 0) > 0);
      assert.equal(body.checks.redis, undefined, 'no REDIS_URL, no Redis check');
      assert.doesNotMatch(JSON.stringify(body), /postgres:|sqlite:|password|token/i);
    });

    test('/metrics from this host: requests by route and status, page cache hits and misses, query time, memory and event-loop lag', async () => {
      await fetch(`${base}${story}`);
      await fetch(`${base}${story}`);
      await fetch(`${base}/no/such/page`);
      const res = await fetch(`${base}/metrics`);
      assert.equal(res.status, 200);
      assert.match(String(res.headers.get('content-type')), /text\/plain/);
      const text = await res.text();
      assert.match(text, /dateline_http_requests_total\{method="GET",route="\/news\/:id\/:slug",status="200"\} 2/);
      assert.match(text, /dateline_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
      assert.match(text, /dateline_http_request_duration_seconds_count\{method="GET",route="\/news\/:id\/:slug"\} 2/);
      assert.match(text, /dateline_page_cache_hits_total [1-9]/);
      assert.match(text, /dateline_page_cache_misses_total [1-9]/);
      assert.match(text, /dateline_page_cache_entries [1-9]/);
      assert.match(text, /dateline_page_cache_bytes [1-9]\d{3,}/);
      assert.match(text, /dateline_db_query_duration_seconds_count [1-9]/);
      assert.match(text, /dateline_process_memory_bytes\{kind="rss"\} [1-9]/);
      assert.match(text, /dateline_event_loop_lag_seconds\{quantile="p99"\}/);
      if (dialect === 'postgres') assert.match(text, /dateline_db_pool_connections\{state="total"\} [1-9]/);
    });

    test('/metrics counts comment decisions by outcome', async () => {
      await easyRules(app);
      const storyId = Number(/\/news\/(\d+)\//.exec(story)?.[1]);
      assert.equal((await postValid(app, storyId)).statusCode, 202);
      assert.equal((await postJson(app, storyId, '198.51.100.200', { name: '', email: 'x', body: '' })).statusCode, 422);
      const text = await (await fetch(`${base}/metrics`)).text();
      assert.match(text, /dateline_comment_decisions_total\{outcome="pending",reason=""\} 1/);
      assert.match(text, /dateline_comment_decisions_total\{outcome="refused",reason="[a-z_]+"\} 1/);
    });

    test('/metrics through a proxy (forwarding headers) or from elsewhere needs METRICS_TOKEN', async () => {
      const proxied = await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      assert.equal(proxied.status, 403);
      assert.doesNotMatch(await proxied.text(), /dateline_http/);
      const wrong = await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer not-the-token-at-all' } });
      assert.equal(wrong.status, 403);
      const right = await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer a-long-enough-scrape-token' } });
      assert.equal(right.status, 200);
      const elsewhere = await app.server.inject({ url: '/metrics', remoteAddress: '198.51.100.7' });
      assert.equal(elsewhere.statusCode, 403);
    });

    test('every response carries a request id; one sent by a client that is not our proxy is replaced', async () => {
      const res = await fetch(`${base}${story}`, { headers: { 'x-request-id': 'forged-id-1234' } });
      const id = res.headers.get('x-request-id') ?? '';
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-/);
      assert.notEqual(id, 'forged-id-1234');
    });
  });
}

describe('sqlite: /readyz fails when a dependency is not there', () => {
  test('too little free space on the data disk (READY_MIN_FREE_MB above what the disk has): 503 naming the disk', async () => {
    const app = await createTestApp('sqlite', undefined, { env: { READY_MIN_FREE_MB: '10000000' } });
    try {
      const r = await app.server.inject('/readyz');
      assert.equal(r.statusCode, 503);
      assert.equal(r.headers['retry-after'], '5');
      const body = r.json() as { status: string; checks: { database: { ok: boolean }; disk: { ok: boolean; writable: boolean; minFreeBytes: number } } };
      assert.equal(body.status, 'not ready');
      assert.equal(body.checks.database.ok, true);
      assert.deepEqual([body.checks.disk.ok, body.checks.disk.writable, body.checks.disk.minFreeBytes], [false, true, 10000000 * 2 ** 20]);
      assert.equal((await app.server.inject('/healthz')).statusCode, 200, 'liveness does not depend on the disk');
    } finally {
      await app.cleanup();
    }
  });

  test('REDIS_URL set: Redis is checked; a Redis that is not listening makes the instance not ready', async () => {
    const up = await createTestApp('sqlite', undefined, { env: { REDIS_URL } });
    const down = await createTestApp('sqlite', undefined, { env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const ok = await up.server.inject('/readyz');
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual((ok.json() as { checks: { redis: unknown } }).checks.redis, { ok: true });
      const bad = await down.server.inject('/readyz');
      assert.equal(bad.statusCode, 503);
      assert.equal((bad.json() as { checks: { redis: { ok: boolean } } }).checks.redis.ok, false);
    } finally {
      await up.cleanup();
      await down.cleanup();
    }
  });
});

describe('sqlite: TRUSTED_PROXIES', () => {
  const searches = async (base: string, forged: string[]) => {
    const statuses: number[] = [];
    for (const xff of forged) statuses.push((await fetch(`${base}/search?q=harbour`, { headers: { 'x-forwarded-for': xff } })).status);
    return statuses;
  };

  test('a direct connection that forges X-Forwarded-For is still counted at its own address (search limit), even with TRUST_PROXY_HOPS=1', async () => {
    const app = await createTestApp('sqlite', undefined, { env: { SEARCH_RATE_LIMIT: '2', TRUSTED_PROXIES: '10.9.8.7, 192.168.0.0/16', TRUST_PROXY_HOPS: '1' } });
    try {
      const base = await listen(app);
      assert.deepEqual(await searches(base, ['203.0.113.1', '203.0.113.2', '203.0.113.3']), [200, 200, 429]);
      const id = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'from-a-stranger' } });
      assert.notEqual(id.headers.get('x-request-id'), 'from-a-stranger');
    } finally {
      await app.cleanup();
    }
  });

  test('from a listed proxy, each forwarded client has its own count, and the proxy\'s request id is kept', async () => {
    const app = await createTestApp('sqlite', undefined, { env: { SEARCH_RATE_LIMIT: '2', TRUSTED_PROXIES: '127.0.0.0/8' } });
    try {
      const base = await listen(app);
      assert.deepEqual(await searches(base, ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.1', '203.0.113.1']), [200, 200, 200, 200, 429]);
      const kept = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'nginx-abc123' } });
      assert.equal(kept.headers.get('x-request-id'), 'nginx-abc123');
      const odd = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'has spaces <and> tags' } });
      assert.notEqual(odd.headers.get('x-request-id'), 'has spaces <and> tags');
    } finally {
      await app.cleanup();
    }
  });

  test('a malformed entry stops the start with a message naming the variable', async () => {
    await assert.rejects(createTestApp('sqlite', undefined, { env: { TRUSTED_PROXIES: '10.0.0.0/40' } }), /TRUSTED_PROXIES must list IP addresses or CIDR blocks/);
  });
});
