/** The window over which the upload rate is measured. */
const RATE_WINDOW_MS = 3000;
/** Shorter than this, a rate is noise. */
const MIN_RATE_SPAN_MS = 250;

/** Bytes per second over the last few seconds; a retry that starts again from 0 starts a new measure. */
export class RateMeter {
  private samples: Array<{ at: number; bytes: number }> = [];

  constructor(private readonly now: () => number) {}

  add(bytes: number): number | null {
    const at = this.now();
    const last = this.samples.at(-1);
    if (last && bytes < last.bytes) this.samples = [];
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[1]!.at >= RATE_WINDOW_MS) this.samples.shift();
    const first = this.samples[0]!;
    const span = at - first.at;
    if (span < MIN_RATE_SPAN_MS) return null;
    return ((bytes - first.bytes) * 1000) / span;
  }
}
