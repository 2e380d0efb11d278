export interface Column<T> {
  title: string;
  cell: (row: T) => string;
  /** Gives up columns when the terminal is narrow (model, description); the others keep theirs. */
  flexible?: boolean;
  /** Left out when even the flexible columns, cut to 8 and then left out, are not enough (a time). */
  optional?: boolean;
  align?: 'left' | 'right';
}

/**
 * Rows as a table, the way `gh` prints them: aligned and cut to the terminal's width when standard
 * output is a terminal; one tab-separated line per row, whole and without a header, when it is
 * piped, so `cut -f1` and `awk` get every value intact.
 */
export async function renderTable<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  terminalWidth: number | null,
): Promise<string> {
  const cells = rows.map((row) => columns.map((c) => c.cell(row)));
  if (terminalWidth === null) return cells.map((line) => line.join('\t')).join('\n') + (cells.length > 0 ? '\n' : '');
  // Measuring columns loads string-width (~35 ms): only a table for a terminal needs it.
  const { cell, cellWidth, truncate } = await import('../../ui/format/fit.js');
  const widths = columns.map((c, i) => Math.max(cellWidth(c.title), ...cells.map((line) => cellWidth(line[i]!))));
  const gap = 2;
  let over = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1) - terminalWidth;
  // The flexible columns give way, the widest first, down to 8 columns each.
  while (over > 0) {
    const candidates = columns.map((c, i) => (c.flexible && widths[i]! > 8 ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) break;
    const widest = candidates.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
    const take = Math.min(
      over,
      widths[widest]! - 8,
      Math.max(1, widths[widest]! - Math.max(...candidates.filter((i) => i !== widest).map((i) => widths[i]!), 8)),
    );
    widths[widest]! -= take;
    over -= take;
  }
  // Still too wide: the flexible columns go, then the optional ones, rightmost first.
  const shown = columns.map(() => true);
  for (const kind of ['flexible', 'optional'] as const) {
    for (let i = columns.length - 1; i >= 0 && over > 0; i--) {
      if (!shown[i] || !columns[i]![kind]) continue;
      shown[i] = false;
      over -= widths[i]! + gap;
    }
  }
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => cell(value, widths[i]!, columns[i]!.align))
      .filter((_, i) => shown[i])
      .join(' '.repeat(gap))
      .trimEnd();
  // A terminal narrower than the columns that must stay: each row is cut, never wrapped.
  return (
    [line(columns.map((c) => c.title)), ...cells.map(line)].map((row) => truncate(row, terminalWidth)).join('\n') + '\n'
  );
}
