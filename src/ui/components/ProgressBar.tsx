import { Text } from 'ink';
import { useTheme } from '../theme/context.js';

/**
 * completed ▰, failed ▰ (in the danger tone, and as × without colour), remaining ▱. The counts
 * beside it carry the meaning; the bar is the glance.
 */
export function ProgressBar({ completed, failed, total, width }: { completed: number; failed: number; total: number; width: number }) {
  const theme = useTheme();
  if (width <= 0) return null;
  const safeTotal = Math.max(total, completed + failed, 0);
  const cells = (n: number) => (safeTotal === 0 ? 0 : Math.round((n / safeTotal) * width));
  const done = Math.min(width, cells(completed));
  const bad = Math.min(width - done, failed > 0 ? Math.max(1, cells(failed)) : 0);
  const rest = width - done - bad;
  return (
    <Text>
      <Text color={theme.barDone}>{'█'.repeat(done)}</Text>
      <Text color={theme.barFailed}>{(theme.color ? '█' : '×').repeat(bad)}</Text>
      <Text color={theme.barTodo}>{'░'.repeat(rest)}</Text>
    </Text>
  );
}
