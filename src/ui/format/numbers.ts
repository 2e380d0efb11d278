const grouped = new Intl.NumberFormat('en-US');

/** Past this, digits stop telling anything (and no longer fit a cell): 1.2e+18 instead. */
const countDigitsLimit = 1e15;

/** A count as given (negative and fractional too), grouped; absurdly large ones in exponent form. */
export function count(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n === 0) return '0'; // also -0, which Intl writes as "-0"
  return Math.abs(n) >= countDigitsLimit ? n.toExponential(1) : grouped.format(n);
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

/** Cuts text to a width with an ellipsis (for cells that must never wrap). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  if (width === 1) return '…';
  return `${text.slice(0, width - 1)}…`;
}
