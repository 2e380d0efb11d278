import { Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme/context.js';

/** "label     value" on one row that never wraps: the label muted and padded, the value cut with an ellipsis. */
export function KeyValue({
  label,
  labelWidth,
  indent = 0,
  children,
}: {
  label: string;
  labelWidth: number;
  indent?: number;
  children: ReactNode;
}) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {' '.repeat(indent)}
      <Text color={theme.muted}>{fit(label, labelWidth)}</Text>
      {children}
    </Text>
  );
}

/** The label padded to its column, cut when a key is longer than the column (metadata keys can be). */
function fit(label: string, width: number): string {
  if (label.length < width) return label.padEnd(width);
  return `${label.slice(0, Math.max(1, width - 2))}… `;
}
