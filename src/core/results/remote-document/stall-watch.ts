/**
 * While a download runs, says (once a second) how long nothing has arrived, past the notice time:
 * `report` gets the whole seconds of quiet, and null when the watch stops.
 */
export class StallWatch {
  /** When the last byte (or the request) went out or came in: a stall is measured from here. */
  private lastDataAt = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly noticeMs: number,
    private readonly report: (stalledMs: number | null) => void,
  ) {}

  start(): void {
    this.stop();
    this.lastDataAt = Date.now();
    const every = Math.max(10, Math.min(1000, Math.floor(this.noticeMs / 2)));
    this.timer = setInterval(() => {
      const quiet = Date.now() - this.lastDataAt;
      if (quiet < this.noticeMs) return;
      // Whole seconds: the screen changes once a second, not on every tick.
      this.report(Math.max(this.noticeMs, Math.floor(quiet / 1000) * 1000));
    }, every);
    this.timer.unref?.();
  }

  /** Data arrived: the quiet starts again from now. */
  arrived(): void {
    this.lastDataAt = Date.now();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.report(null);
  }
}
