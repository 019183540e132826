/**
 * Small recurring jobs (mail outbox delivery and the like). Each task works
 * from durable rows claimed with compare-and-set, so running it on every
 * instance is safe; a failure is logged and retried on the next round.
 */
export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export class PeriodicJobs {
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly deps: { tasks: PeriodicTask[]; onError: (err: unknown, task: string) => void }) {}

  start(): void {
    this.stop();
    for (const t of this.deps.tasks) {
      let running = false;
      const tick = async () => {
        if (running) return;
        running = true;
        try {
          await t.run();
        } catch (err) {
          this.deps.onError(err, t.name);
        } finally {
          running = false;
        }
      };
      this.timers.push(setInterval(() => void tick(), t.everyMs).unref());
      void tick();
    }
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }
}
