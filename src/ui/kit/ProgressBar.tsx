import { Text } from 'ink';
import { countsView } from '../../core/jobs/counts.js';
import { useTheme } from '../theme/context.js';

/**
 * completed █, failed █ (in the danger tone, and as × without colour), remaining ░. The counts
 * beside it carry the meaning; the bar is the glance.
 *
 * Any input draws a bar (a server may send negative, huge or inconsistent counts): the shares are
 * clamped to 0–100 %, and each segment is rounded to the nearest cell on its own, so a segment
 * fills a cell only when it holds at least half a cell's share (one failure in 50,000 fills none,
 * a 0 % job is empty); when both round up past the width, the failed segment gives way.
 */
export function ProgressBar({
  completed,
  failed,
  total,
  width,
  inverse = false,
}: {
  completed: number;
  failed: number;
  total: number;
  width: number;
  inverse?: boolean;
}) {
  const theme = useTheme();
  const cellsWide = Number.isFinite(width) ? Math.floor(width) : 0;
  if (cellsWide <= 0) return null;
  const { done, bad } = barCells({ completed, failed, total }, cellsWide);
  const rest = cellsWide - done - bad;
  if (inverse && theme.color) {
    // In a highlighted (inverse) row a █ would turn into a hole: filled cells are spaces there, so
    // the colour fills them, and the remaining ░ stay lighter.
    return (
      <Text inverse>
        <Text color={theme.barDone}>{' '.repeat(done)}</Text>
        <Text color={theme.barFailed}>{' '.repeat(bad)}</Text>
        <Text color={theme.barTodo}>{'░'.repeat(rest)}</Text>
      </Text>
    );
  }
  return (
    <Text>
      <Text color={theme.barDone}>{'█'.repeat(done)}</Text>
      <Text color={theme.barFailed}>{(theme.color ? '█' : '×').repeat(bad)}</Text>
      <Text color={theme.barTodo}>{'░'.repeat(rest)}</Text>
    </Text>
  );
}

/** How many of `width` cells are completed and failed; both are whole, non-negative and fit. */
export function barCells(
  counts: { completed: number; failed: number; total: number },
  width: number,
): { done: number; bad: number } {
  const view = countsView(counts);
  const done = Math.min(width, Math.max(0, Math.round(view.completedShare * width)));
  const bad = Math.min(width - done, Math.max(0, Math.round(view.failedShare * width)));
  return { done, bad };
}
