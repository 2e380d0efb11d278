/**
 * Coalesces many "state changed" signals into few writes: at most one write runs at a time, and a
 * change during a write schedules exactly one more. `flush` waits until everything is on disk.
 */
export class DebouncedSaver {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private dirty = false;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly delayMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  schedule(): void {
    this.dirty = true;
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.delayMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    while (this.running || this.dirty) {
      await (this.running ?? this.run());
    }
  }

  private run(): Promise<void> {
    if (this.running) return this.running;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.dirty = false;
    this.running = this.save()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
        if (this.dirty) this.schedule();
      });
    return this.running;
  }
}
