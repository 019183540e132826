import cluster, { type Worker } from 'node:cluster';

/**
 * Wake-ups between the worker processes of one `dateline serve` on SQLite
 * (WORKERS > 1), over the IPC channel node:cluster already keeps open: a
 * worker tells the primary, the primary tells every other worker. Like every
 * wake-up it carries no data; the feed is read from the database.
 */
export const WAKE = 'dateline:changes';

interface WakeSignal {
  publish(): void;
  subscribe(onWake: () => void): void;
  close(): Promise<void>;
}

/** In a worker. */
export class WorkerWakeSignal implements WakeSignal {
  private handler: ((m: unknown) => void) | null = null;

  publish(): void {
    if (process.connected) process.send?.({ type: WAKE });
  }

  subscribe(onWake: () => void): void {
    this.handler = (m) => {
      if ((m as { type?: string } | null)?.type === WAKE) onWake();
    };
    process.on('message', this.handler);
  }

  async close(): Promise<void> {
    if (this.handler) process.off('message', this.handler);
  }
}

/** In the primary: its own writes (the demo seeding) wake every worker. */
export class PrimaryWakeSignal implements WakeSignal {
  publish(): void {
    broadcast(null);
  }

  subscribe(): void {
    // The primary keeps no caches.
  }

  async close(): Promise<void> {}
}

/** Relays a worker's wake-up to the others. */
export function relayWakeUps(worker: Worker): void {
  worker.on('message', (m: { type?: string } | null) => {
    if (m?.type === WAKE) broadcast(worker);
  });
}

function broadcast(from: Worker | null): void {
  for (const w of Object.values(cluster.workers ?? {})) {
    if (w && w !== from && w.isConnected()) w.send({ type: WAKE });
  }
}
