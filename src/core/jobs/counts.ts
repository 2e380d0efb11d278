import type { RequestCounts } from '../../api/index.js';

/**
 * What a job's request counts can honestly show. A server may send any integer (the contract
 * says no more), so negative, fractional, huge or inconsistent counts arrive; the numbers are shown
 * as given, while the bar and the percentage are clamped and the reason they cannot all be true is
 * named, e.g. "counts do not add up: 60 done of 50".
 */
export interface CountsView {
  /** Share of the bar for completed and failed requests, each within 0..1 and together ≤ 1. */
  completedShare: number;
  failedShare: number;
  /** completed + failed as a whole-job share, 0..1 (what the percentage shows). */
  doneShare: number;
  /** Why these counts cannot all be true; null when they can. */
  problem: string | null;
}

// Made on first use: building an ICU formatter costs milliseconds a one-call command need not pay.
let plain: Intl.NumberFormat | undefined;

function shown(n: number): string {
  // 1e308 in digits would fill the row: past 15 digits the exponent says as much.
  if (Number.isFinite(n) && Math.abs(n) >= 1e15) return n.toExponential(1);
  return Number.isFinite(n)
    ? (plain ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })).format(n)
    : String(n);
}

/** Why the counts are impossible, in words (the most telling reason first); null when they are possible. */
export function countsProblem(counts: RequestCounts): string | null {
  const reasons: string[] = [];
  const done = counts.completed + counts.failed;
  if (!Number.isFinite(done) && Number.isFinite(counts.completed) && Number.isFinite(counts.failed))
    reasons.push(`counts too large to add up: ${shown(counts.completed)} completed + ${shown(counts.failed)} failed`);
  else if (done > counts.total) reasons.push(`counts do not add up: ${shown(done)} done of ${shown(counts.total)}`);
  if (counts.problem) reasons.push(counts.problem);
  const named: [string, number][] = [
    ['total', counts.total],
    ['completed', counts.completed],
    ['failed', counts.failed],
  ];
  for (const [name, n] of named) {
    if (!Number.isFinite(n)) reasons.push(`${name} is not a number`);
    else if (n < 0) reasons.push(`${name} is negative (${shown(n)})`);
    else if (!Number.isInteger(n)) reasons.push(`${name} is not a whole number (${shown(n)})`);
  }
  return reasons.length > 0 ? reasons.join('; ') : null;
}

function usable(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

export function countsView(counts: RequestCounts): CountsView {
  const completed = usable(counts.completed);
  const failed = usable(counts.failed);
  // More finished than the total says: the finished ones are the better measure of the whole.
  const whole = Math.max(usable(counts.total), completed + failed);
  const share = (n: number) => (whole > 0 && Number.isFinite(n / whole) ? Math.min(1, n / whole) : 0);
  const completedShare = share(completed);
  const failedShare = Math.min(1 - completedShare, share(failed));
  return {
    completedShare,
    failedShare,
    doneShare: Math.min(1, completedShare + failedShare),
    problem: countsProblem(counts),
  };
}
