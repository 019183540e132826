import { Redis } from 'ioredis';

/**
 * PING for /readyz on a connection of its own: the rate limiter's client
 * fails closed by design and says nothing about why, and a probe must not
 * take a slot in its queue. Connected on the first /readyz.
 */
export function redisProbe(url: string): { ping(): Promise<void>; close(): Promise<void> } {
  let client: Redis | null = null;
  const get = () => {
    if (!client) {
      client = new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 0, connectTimeout: 1_000, retryStrategy: (n) => Math.min(n * 200, 2_000), lazyConnect: false });
      client.on('error', () => undefined);
    }
    return client;
  };
  return {
    async ping() {
      const r = await get().ping();
      if (r !== 'PONG') throw Object.assign(new Error('unexpected PING answer'), { code: 'REDIS_PING' });
    },
    async close() {
      if (client) client.disconnect();
      client = null;
    },
  };
}
