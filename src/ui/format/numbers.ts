// Counts are written as everywhere else (the CLI, the validator's messages): one formatCount.
export { formatCount } from '../../api/counts.js';

/** 8 EiB: no file system holds a larger file, so a larger size is the server's nonsense. */
const largestFileBytes = 2 ** 63;

export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n) || n < 0) return '—';
  // 1e308 must not take the row over with 300 digits: say that it is impossible, in a cell's room.
  if (n >= largestFileBytes) return '⚠ >8 EB';
  if (n < 1024) return `${Number.isInteger(n) ? n : n.toFixed(1)} B`;
  const units = ['KB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** A share as a whole percentage, clamped to 0–100 % (a part beyond its whole is the data's fault, said elsewhere). */
export function percent(part: number, whole: number): string {
  if (!Number.isFinite(whole) || whole <= 0 || !Number.isFinite(part)) return '—';
  return `${Math.floor(Math.min(1, Math.max(0, part / whole)) * 100)}%`;
}

export function rate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '—';
  if (perSecond >= 1) return `${perSecond.toFixed(perSecond >= 10 ? 0 : 1)} req/s`;
  return `${(perSecond * 60).toFixed(1)} req/min`;
}
