import pg from 'pg';

/**
 * Wake-ups over PostgreSQL LISTEN/NOTIFY, for instances that share a
 * database and no Redis. One dedicated connection listens (a pooled one
 * would be handed to queries); when it drops (a server restart), it is
 * opened again with backoff, and `onWake` is called on every reconnect so
 * the feed reads what it missed. NOTIFY goes out on the same connection,
 * so a full pool never delays it; while it is down, the poll covers.
 */
export class PgNotifyChannel {
  /** The connection that listens, once LISTEN has run. */
  private listener: pg.Client | null = null;
  /** The connection being opened or listening: close() ends it even mid-connect. */
  private current: pg.Client | null = null;
  private closed = false;
  private retryMs = 200;
  private readonly channel: string;

  constructor(
    private readonly url: string,
    schema: string | undefined,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {
    // One channel per schema: test suites (and staging beside production) share a server.
    this.channel = `dateline_changes_${(schema ?? 'public').replace(/[^a-z0-9_]/gi, '_')}`.slice(0, 63).toLowerCase();
  }

  publish(): void {
    this.listener?.query('select pg_notify($1, $2)', [this.channel, '1']).catch(this.onError);
  }

  subscribe(onWake: () => void): void {
    const open = async () => {
      if (this.closed) return;
      const c = new pg.Client({ connectionString: this.url });
      this.current = c;
      c.on('error', () => undefined);
      c.on('end', () => {
        if (this.listener !== c) return;
        this.listener = null;
        if (!this.closed) setTimeout(() => void open(), this.retryMs).unref();
      });
      c.on('notification', (n) => {
        if (n.channel === this.channel) onWake();
      });
      try {
        await c.connect();
        await c.query(`listen ${this.channel}`);
        // Closed while connecting: this connection must not outlive the instance.
        if (this.closed) return void (await c.end().catch(() => undefined));
        this.listener = c;
        this.retryMs = 200;
        onWake();
      } catch (e) {
        this.onError(e);
        await c.end().catch(() => undefined);
        this.retryMs = Math.min(this.retryMs * 2, 5000);
        if (!this.closed) setTimeout(() => void open(), this.retryMs).unref();
      }
    };
    void open();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.current?.end().catch(() => undefined);
  }
}
