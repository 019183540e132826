import { Redis } from 'ioredis';

/**
 * PING for /readyz on a connection of its own, opened for the check and
 * closed after it: the rate limiter's client fails closed by design and
 * says nothing about why, and a probe left connected would hold the
 * process open (and retry forever) after the app closes. /readyz is
 * called every few seconds at most, so one connection per check is cheap.
 */
export function redisProbe(url: string): { ping(): Promise<void>; close(): Promise<void> } {
  return {
    async ping() {
      const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1_000, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        const r = await client.ping();
        if (r !== 'PONG') throw Object.assign(new Error('unexpected PING answer'), { code: 'REDIS_PING' });
      } finally {
        client.disconnect();
      }
    },
    async close() {},
  };
}
