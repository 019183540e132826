import { Redis } from 'ioredis';
import type { WakeSignal } from './change-feed.ts';

/**
 * Wake-ups over Redis pub/sub. A message carries nothing but "the feed
 * grew": a lost one (Redis restarting, a network blip) is made good by the
 * feed's poll, and on every reconnect the subscriber asks for a catch-up.
 * Errors never reach the writer: the change is already committed.
 */
export class RedisWakeSignal implements WakeSignal {
  private readonly pub: Redis;
  private readonly sub: Redis;

  constructor(
    url: string,
    private readonly channel: string,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {
    // Lazy: a CLI command that writes nothing opens no connection.
    const opts = { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: (n: number) => Math.min(n * 200, 2000) };
    this.pub = new Redis(url, opts);
    // A subscriber must queue its SUBSCRIBE until connected, and re-subscribes by itself after a reconnect.
    this.sub = new Redis(url, { ...opts, enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.pub.on('error', () => undefined);
    this.sub.on('error', () => undefined);
  }

  publish(): void {
    this.pub.publish(this.channel, '1').catch(this.onError);
  }

  subscribe(onWake: () => void): void {
    this.sub.on('message', (ch: string) => {
      if (ch === this.channel) onWake();
    });
    // Messages sent while we were away are lost: read the feed as soon as we are back.
    this.sub.on('ready', onWake);
    this.sub.subscribe(this.channel).catch(this.onError);
  }

  async close(): Promise<void> {
    // QUIT lets a wake-up published just before (a CLI command's last write) go out first.
    if (this.pub.status === 'ready') await this.pub.quit().catch(() => undefined);
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
