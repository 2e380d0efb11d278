import { Text } from 'ink';
import { formatCount } from '../format/numbers.js';
import { useTheme } from '../theme/context.js';
import type { ScrollWindow } from './listCursor.js';

/**
 * Under a view that scrolls: which way there is more, which rows show and the keys that scroll
 * ("↑↓ rows 10–29 of 64 · j/k PgUp/PgDn scroll"). Nothing when the view fits (scrollWindow then
 * leaves it no row).
 */
export function PagingLine({
  window,
  shown,
  total,
  keys,
}: {
  window: ScrollWindow;
  shown: number;
  total: number;
  keys: string;
}) {
  const theme = useTheme();
  if (!window.scrollable) return null;
  const { top, maxTop } = window;
  return (
    <Text color={theme.muted} wrap="truncate-end">
      {`${top > 0 ? '↑' : ''}${top < maxTop ? '↓' : ''} rows ${formatCount(top + 1)}–${formatCount(top + shown)} of ${formatCount(total)} · ${keys} scroll`}
    </Text>
  );
}
