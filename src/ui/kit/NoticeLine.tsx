import { Text } from 'ink';
import { useTheme } from '../theme/context.js';
import type { Notice } from './notice.js';

/**
 * One notice on one row, in its tone, cut at the edge. With no notice (or an empty one) it still
 * takes its row, so what is below does not jump.
 */
export function NoticeLine({ notice }: { notice: Notice | null }) {
  const theme = useTheme();
  return (
    <Text color={notice ? theme[notice.tone] : undefined} wrap="truncate-end">
      {notice?.text || ' '}
    </Text>
  );
}
