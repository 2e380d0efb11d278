import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme/context.js';

/** Cells before a field's value: focus marker, label, error mark. */
export const fieldPrefixWidth = 14;

/**
 * One line of a form: `› Label     ✗ value   ✗ message`. Focus is shown by the marker and bold
 * label and an error by ✗, never by colour alone. The message is cut to the room left; the form
 * repeats the focused field's message in full on its message line.
 */
export function FieldRow({ label, focused, error, valueWidth, width, children }: { label: string; focused: boolean; error?: string | undefined; valueWidth: number; width: number; children: ReactNode }) {
  const theme = useTheme();
  const room = width - fieldPrefixWidth - valueWidth - 1;
  return (
    <Box width={width}>
      <Box width={fieldPrefixWidth} flexShrink={0}>
        <Text bold={focused} color={focused ? theme.accent : undefined}>
          {focused ? '› ' : '  '}
          {label.padEnd(fieldPrefixWidth - 4).slice(0, fieldPrefixWidth - 4)}
        </Text>
        <Text color={theme.danger}>{error ? '✗ ' : '  '}</Text>
      </Box>
      <Box width={valueWidth} flexShrink={0}>
        {children}
      </Box>
      {error && room >= 10 ? (
        <Box marginLeft={1} flexShrink={1}>
          <Text color={theme.danger} wrap="truncate-end">
            {error}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
