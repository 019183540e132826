import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishedStory } from '../domain/comments-helpers.ts';
import { DIALECTS } from '../helpers/dialects.ts';
import { challengeFor, createCommentsTestApp, expectError, ip, postJson, postValid, rows, type CommentsTestApp } from './comments-client.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

for (const dialect of DIALECTS) {
  describe(`${dialect}: comment rate limits in Redis (scale-out)`, () => {
    let app: CommentsTestApp;
    let story: number;
    before(async () => {
      app = await createCommentsTestApp(dialect, { env: { REDIS_URL } });
      story = await publishedStory(app);
    });
    after(async () => app.cleanup());

    test('a second comment from one IP within 15 s is 429 through Redis; another IP is fine', async () => {
      const addr = ip();
      assert.equal((await postValid(app, story, { body: 'one' }, addr)).statusCode, 202);
      expectError(await postValid(app, story, { body: 'two' }, addr), 429, 'comment_flood');
      assert.equal((await postValid(app, story, { body: 'three' })).statusCode, 202);
    });
  });

  describe(`${dialect}: Redis down fails closed`, () => {
    let app: CommentsTestApp;
    let story: number;
    before(async () => {
      // Port 1 on loopback: nothing listens, connections are refused at once.
      app = await createCommentsTestApp(dialect, { env: { REDIS_URL: 'redis://127.0.0.1:1' } });
      story = await publishedStory(app);
    });
    after(async () => app.cleanup());

    test('a valid comment gets 503 with Retry-After and nothing is stored, never an unthrottled accept', async () => {
      const before = await rows(app);
      for (let i = 0; i < 3; i++) {
        const res = await postValid(app, story, { body: `while redis is down ${i}` });
        expectError(res, 503, 'rate_limit_unavailable');
        assert.ok(Number(res.headers['retry-after']) > 0);
      }
      assert.equal(await rows(app), before);
    });
  });
}

describe('X-Forwarded-For is honoured only through configured proxy hops', () => {
  test('without TRUST_PROXY_HOPS a rotating X-Forwarded-For does not dodge the flood limit', async () => {
    const app = await createCommentsTestApp('sqlite');
    try {
      const story = await publishedStory(app);
      const addr = ip();
      // One reader (one email) behind the address: spacing keys on the address and the email together.
      assert.equal((await postValid(app, story, { body: 'a', email: 'b@example.org' }, addr)).statusCode, 202);
      const altcha = await challengeFor(app, story, addr, { 'x-forwarded-for': '1.2.3.4' });
      app.clock.advance(5_000);
      expectError(await postJson(app, story, addr, { name: 'B', email: 'b@example.org', body: 'b', altcha }, { 'x-forwarded-for': '1.2.3.5' }), 429, 'comment_flood');
    } finally {
      await app.cleanup();
    }
  });

  test('with one trusted hop, the client address comes from X-Forwarded-For', async () => {
    const app = await createCommentsTestApp('sqlite', { env: { TRUST_PROXY_HOPS: '1' } });
    try {
      const story = await publishedStory(app);
      const proxy = '127.0.0.1';
      for (const client of ['1.2.3.4', '1.2.3.5']) {
        const altcha = await challengeFor(app, story, proxy, { 'x-forwarded-for': client });
        app.clock.advance(5_000);
        const res = await postJson(app, story, proxy, { name: 'C', email: `${client}@example.org`, body: `from ${client}`, altcha }, { 'x-forwarded-for': client });
        assert.equal(res.statusCode, 202, res.body);
      }
    } finally {
      await app.cleanup();
    }
  });
});
