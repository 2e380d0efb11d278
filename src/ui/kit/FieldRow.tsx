import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme/context.js';

/** Cells before a field's value: focus marker, label, error mark. */
export const fieldPrefixWidth = 14;

/**
 * One line of a form: `› Label     ✗ value   ✗ message`. Focus is shown by the marker and bold
 * label and an error by ✗, never by colour alone. A message (an error given as text) is cut to
 * the room left; the form repeats the focused field's message in full on its message line. Forms
 * that say what is wrong only on their message line pass `error` as a flag.
 */
export function FieldRow({
  label,
  focused,
  error,
  valueWidth,
  width,
  labelWidth = fieldPrefixWidth,
  children,
}: {
  label: string;
  focused: boolean;
  error?: string | boolean | undefined;
  valueWidth: number;
  /** The row's width; without it the row is as wide as label and value. */
  width?: number;
  /** Cells before the value (default fieldPrefixWidth). */
  labelWidth?: number;
  children: ReactNode;
}) {
  const theme = useTheme();
  const room = width === undefined ? 0 : width - labelWidth - valueWidth - 1;
  return (
    <Box {...(width === undefined ? {} : { width })}>
      <Box width={labelWidth} flexShrink={0}>
        <Text bold={focused} color={focused ? theme.accent : undefined}>
          {focused ? '› ' : '  '}
          {label.padEnd(labelWidth - 4).slice(0, labelWidth - 4)}
        </Text>
        <Text color={theme.danger}>{error ? '✗ ' : '  '}</Text>
      </Box>
      <Box width={valueWidth} flexShrink={0}>
        {children}
      </Box>
      {typeof error === 'string' && error !== '' && room >= 10 ? (
        <Box marginLeft={1} flexShrink={1}>
          <Text color={theme.danger} wrap="truncate-end">
            {error}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
