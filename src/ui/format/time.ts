/** Times as people read them at a glance. Inputs are unix seconds or ms, as named. */

export function relativeTime(unixSeconds: number | null, nowMs: number): string {
  if (unixSeconds === null || !Number.isFinite(unixSeconds) || !Number.isFinite(nowMs)) return '—';
  const seconds = Math.round(nowMs / 1000 - unixSeconds);
  if (seconds < 0) return `in ${duration(-seconds)}`;
  if (seconds < 45) return 'just now';
  return `${duration(seconds)} ago`;
}

/** A compact duration: 45s, 3m, 2h 05m, 3d 4h, 274 years. */
export function duration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds)) return '—';
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  const d = Math.floor(h / 24);
  if (d < 730) return `${d}d ${h % 24}h`;
  const years = Math.floor(d / 365);
  return years < 10_000 ? `${years} years` : 'over 9,999 years';
}

/** Local date and time, the same width every time: 2026-11-26 14:03:07. */
export function localDateTime(unixSeconds: number | null): string {
  if (unixSeconds === null || !Number.isFinite(unixSeconds)) return '—';
  const date = new Date(unixSeconds * 1000);
  if (Number.isNaN(date.getTime())) return '—';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** "updated 20s ago", in steps that change at most every few seconds. */
export function sinceUpdate(updatedAtMs: number | null, nowMs: number): string {
  if (updatedAtMs === null) return 'not loaded yet';
  return `updated ${updateAge(updatedAtMs, nowMs)}`;
}

/** How old data is: "just now", "20s ago", "14m ago" (a clock behind the data says "just now"). */
export function updateAge(updatedAtMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.floor((nowMs - updatedAtMs) / 1000));
  return seconds < 5 ? 'just now' : `${duration(seconds)} ago`;
}

/**
 * A duration that changes at most once a minute ("<1m", "3m", "2h 05m"): for text on a live screen,
 * where a seconds count would rewrite the line on every poll and cost bytes over SSH.
 */
export function coarseDuration(totalSeconds: number): string {
  return totalSeconds < 60 ? '<1m' : duration(Math.floor(totalSeconds / 60) * 60);
}

/**
 * A compact age for a table cell: now, 12m, 5h03m, 3d4h, 56y. The shared clock ticks once a minute.
 * A creation time ahead of the clock (skew, or a server's absurd date) shows how far ahead: +3h, +274y.
 */
export function age(unixSeconds: number | null, nowMs: number): string {
  if (unixSeconds === null || !Number.isFinite(unixSeconds) || !Number.isFinite(nowMs)) return '—';
  const minutes = Math.floor((nowMs / 1000 - unixSeconds) / 60);
  if (minutes < -1) return `+${compactAge(-minutes)}`;
  if (minutes < 1) return 'now';
  return compactAge(minutes);
}

function compactAge(minutes: number): string {
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  const days = Math.floor(hours / 24);
  if (days < 100) return `${days}d${hours % 24}h`;
  if (days < 730) return `${days}d`;
  const years = Math.floor(days / 365);
  return years < 10_000 ? `${years}y` : '>9999y';
}
