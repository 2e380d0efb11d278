import { cellWidth, fitWidth } from '../../ui/format/fit.js';

export interface Column<T> {
  title: string;
  cell: (row: T) => string;
  /** Gives up columns when the terminal is narrow (model, description); the others keep theirs. */
  flexible?: boolean;
  align?: 'left' | 'right';
}

/**
 * Rows as a table, the way `gh` prints them: aligned and cut to the terminal's width when standard
 * output is a terminal; one tab-separated line per row, whole and without a header, when it is
 * piped, so `cut -f1` and `awk` get every value intact.
 */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], terminalWidth: number | null): string {
  const cells = rows.map((row) => columns.map((c) => c.cell(row)));
  if (terminalWidth === null) return cells.map((line) => line.join('\t')).join('\n') + (cells.length > 0 ? '\n' : '');
  const widths = columns.map((c, i) => Math.max(cellWidth(c.title), ...cells.map((line) => cellWidth(line[i]!))));
  const gap = 2;
  let over = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1) - terminalWidth;
  // The flexible columns give way, the widest first, down to 8 columns each.
  while (over > 0) {
    const candidates = columns.map((c, i) => (c.flexible && widths[i]! > 8 ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) break;
    const widest = candidates.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
    const take = Math.min(over, widths[widest]! - 8, Math.max(1, widths[widest]! - Math.max(...candidates.filter((i) => i !== widest).map((i) => widths[i]!), 8)));
    widths[widest]! -= take;
    over -= take;
  }
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => (columns[i]!.align === 'right' ? ' '.repeat(Math.max(0, widths[i]! - cellWidth(value))) + value : fitWidth(value, widths[i]!)))
      .join(' '.repeat(gap))
      .trimEnd();
  return [line(columns.map((c) => c.title)), ...cells.map(line)].join('\n') + '\n';
}
