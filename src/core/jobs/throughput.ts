/** One observation of a job's progress. */
export interface ProgressSample {
  atMs: number;
  /** completed + failed */
  done: number;
  total: number;
}

export interface Throughput {
  /** Requests finished per second over the recent window. */
  perSecond: number;
  /** Seconds until every request is finished at that rate; null when unknown. */
  etaSeconds: number | null;
}

const windowMs = 5 * 60_000;
const maxSamples = 30;

/** Adds a sample, keeping a bounded recent window (the app runs for days). */
export function addSample(samples: readonly ProgressSample[], sample: ProgressSample): ProgressSample[] {
  const last = samples.at(-1);
  // A job can be re-read with fewer finished requests only if the server restarted: start over.
  if (last && sample.done < last.done) return [sample];
  if (last && last.done === sample.done && last.total === sample.total && sample.atMs - last.atMs < 1000)
    return [...samples];
  return [...samples, sample].filter((s) => sample.atMs - s.atMs <= windowMs).slice(-maxSamples);
}

/** Rate and ETA from successive polls; null until two samples at least a second apart exist. */
export function throughputOf(samples: readonly ProgressSample[]): Throughput | null {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || last.atMs - first.atMs < 1000) return null;
  const perSecond = (last.done - first.done) / ((last.atMs - first.atMs) / 1000);
  const remaining = Math.max(0, last.total - last.done);
  const etaSeconds = perSecond > 0 ? remaining / perSecond : remaining === 0 ? 0 : null;
  return { perSecond, etaSeconds };
}

/**
 * Rate and ETA from the job's own numbers, for the first poll: what it finished since it started
 * running (`in_progress_at`). An average over the whole run, so successive polls (throughputOf)
 * take over once they exist. Null when the start is unknown, in the future, or nothing finished.
 */
export function throughputSinceStart(
  inProgressAt: number | null,
  done: number,
  total: number,
  nowMs: number,
): Throughput | null {
  if (inProgressAt === null || !Number.isFinite(inProgressAt) || !(done > 0) || !Number.isFinite(done)) return null;
  const seconds = nowMs / 1000 - inProgressAt;
  if (!(seconds >= 1)) return null;
  const perSecond = done / seconds;
  const remaining = Math.max(0, total - done);
  return { perSecond, etaSeconds: Number.isFinite(remaining) ? remaining / perSecond : null };
}
