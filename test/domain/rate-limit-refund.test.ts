import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from '../../src/domain/comments/rate-limit.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A comment we failed to store gives its rate-limit hits back, on the
 * in-process limiter and on Redis alike: the reader's second try is let
 * through, but only its own hit is given back, never a newer one.
 */
for (const [name, make] of [
  ['memory', () => new MemoryRateLimiter()],
  ['redis', () => new RedisRateLimiter(REDIS_URL, `dateline:test:${randomBytes(4).toString('hex')}:`)],
] as Array<[string, () => RateLimiter]>) {
  describe(`${name} rate limiter: refunds`, () => {
    const limiter = make();
    after(() => limiter.close());

    test('a refunded spacing hit lets the next one through; a stale receipt leaves a newer hit alone', async () => {
      const t = 1_000_000;
      assert.equal(await limiter.spacing('rd:a', 15_000, t), 0);
      assert.ok((await limiter.spacing('rd:a', 15_000, t + 1_000)) > 0, 'spaced');
      await limiter.refund([{ kind: 'spacing', key: 'rd:a', at: t }]);
      assert.equal(await limiter.spacing('rd:a', 15_000, t + 2_000), 0, 'given back');
      await limiter.refund([{ kind: 'spacing', key: 'rd:a', at: t }]);
      assert.ok((await limiter.spacing('rd:a', 15_000, t + 3_000)) > 0, 'the newer hit still counts');
    });

    test('a refunded window hit frees its place in the window', async () => {
      const t = 60_000 * 100;
      for (let i = 0; i < 3; i++) assert.equal(await limiter.window('ip:b', 60_000, 3, t + i), 0);
      assert.ok((await limiter.window('ip:b', 60_000, 3, t + 10)) > 0, 'full');
      await limiter.refund([{ kind: 'window', key: 'ip:b', windowMs: 60_000, at: t }]);
      assert.equal(await limiter.window('ip:b', 60_000, 3, t + 20), 0, 'one place given back');
    });
  });
}
