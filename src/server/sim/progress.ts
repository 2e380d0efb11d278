import { ZERO_TOKENS, type BatchRecord, type RequestCounts, type SimSettings, type TokenTotals } from '../types.js';

/**
 * The lifecycle's arithmetic. A batch's progress is a pure function of its stored timestamps and
 * the clock: requests run one after another at `requestsPerSecond × speed`, in file order,
 * stopping when the batch is cancelled or its window closes.
 */

/** Requests per millisecond of wall-clock time. */
export function ratePerMs(sim: SimSettings): number {
  return (sim.requestsPerSecond * sim.speed) / 1000;
}

/** Validation takes a second, or a second per 20,000 lines for big files. */
export function validationMs(sim: SimSettings, requests: number): number {
  return ((sim.validationSeconds ?? Math.max(1, requests / 20_000)) * 1000) / sim.speed;
}

export function finalizingMs(sim: SimSettings): number {
  return ((sim.finalizingSeconds ?? 2) * 1000) / sim.speed;
}

export function cancellingMs(sim: SimSettings): number {
  return ((sim.cancellingSeconds ?? 3) * 1000) / sim.speed;
}

/** When the last request has run, if nothing stops the batch first. */
export function processingEndsAt(batch: BatchRecord): number | null {
  if (batch.times.in_progress === null) return null;
  return batch.times.in_progress + Math.ceil(batch.counts.total / ratePerMs(batch.sim));
}

/** How many requests have run by time `t`. */
export function processedAt(batch: BatchRecord, t: number): number {
  const start = batch.times.in_progress;
  if (start === null) return 0;
  if (batch.times.finalizing !== null) return batch.counts.total;
  const end = Math.min(t, batch.times.cancelling ?? Number.POSITIVE_INFINITY, batch.times.expires);
  const done = Math.floor(Math.max(0, end - start) * ratePerMs(batch.sim));
  return Math.min(batch.counts.total, done);
}

/** How many of the sorted indices are below `n` (binary search). */
export function countBelow(sorted: readonly number[], n: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function countsAfter(batch: BatchRecord, processed: number): RequestCounts {
  const failed = countBelow(batch.validation?.failing ?? [], processed);
  return { total: batch.counts.total, completed: processed - failed, failed };
}

/** Usage so far, in proportion to the successful requests done; exact once results are written. */
export function usageSoFar(batch: BatchRecord, completed: number): TokenTotals {
  const v = batch.validation;
  const succeeding = v ? v.total - v.failing.length : 0;
  if (!v || succeeding === 0) return { ...ZERO_TOKENS };
  const share = completed / succeeding;
  return {
    input: Math.floor(v.planned.input * share),
    cached: Math.floor(v.planned.cached * share),
    output: Math.floor(v.planned.output * share),
    reasoning: Math.floor(v.planned.reasoning * share),
  };
}
