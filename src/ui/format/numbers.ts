const grouped = new Intl.NumberFormat('en-US');

export function count(n: number): string {
  return Number.isFinite(n) ? grouped.format(n) : '—';
}

export function bytes(n: number | null): string {
  if (n === null || !Number.isFinite(n) || n < 0) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

export function percent(part: number, whole: number): string {
  if (whole <= 0 || !Number.isFinite(part)) return '—';
  return `${Math.floor((part / whole) * 100)}%`;
}

export function rate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '—';
  if (perSecond >= 1) return `${perSecond.toFixed(perSecond >= 10 ? 0 : 1)} req/s`;
  return `${(perSecond * 60).toFixed(1)} req/min`;
}

/** Cuts text to a width with an ellipsis (for cells that must never wrap). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  if (width === 1) return '…';
  return `${text.slice(0, width - 1)}…`;
}
