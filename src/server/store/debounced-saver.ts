/**
 * Coalesces many "state changed" signals into few writes: at most one write runs at a time, and a
 * change during a write schedules exactly one more. Background changes (the simulated clock moving
 * batches along) are written after `delayMs`; `saveNow` is for changes a client is about to be
 * told about, and resolves only once a write that includes them has finished.
 *
 * Changes are counted: a write covers every change made before it started, so any number of
 * parallel `saveNow` calls share the write in progress and at most one more.
 */
export class DebouncedSaver {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Changes so far, and how many of them the last finished write covered. */
  private changes = 0;
  private saved = 0;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly delayMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  schedule(): void {
    this.changes += 1;
    this.scheduleRun();
  }

  /** Writes the current state and resolves once it is on disk; rejects when that write fails. */
  async saveNow(): Promise<void> {
    this.changes += 1;
    const wanted = this.changes;
    while (this.saved < wanted) {
      if (this.running) {
        // A write that began before this change does not cover it; one that fails is retried below.
        await this.running.catch(() => undefined);
        continue;
      }
      await this.run();
    }
  }

  /** Waits until every change so far is written (or its write failed and was logged). */
  async flush(): Promise<void> {
    if (this.running) await this.running.catch(() => undefined);
    if (this.saved < this.changes) await this.saveNow().catch(this.onError);
  }

  private scheduleRun(): void {
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run().catch(this.onError);
    }, this.delayMs);
    this.timer.unref();
  }

  private run(): Promise<void> {
    if (this.running) return this.running;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const covers = this.changes;
    this.running = this.save()
      .then(() => {
        this.saved = Math.max(this.saved, covers);
      })
      .finally(() => {
        this.running = null;
        // Changes made while writing get their own write; a failed write is not retried on its own.
        if (this.changes > covers) this.scheduleRun();
      });
    return this.running;
  }
}
