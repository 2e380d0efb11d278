import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { defaultRefreshSeconds } from '../../../config/index.js';
import { FieldInput } from '../../kit/FieldInput.js';
import { useTheme } from '../../theme/context.js';

/** The refresh interval in seconds, empty for the default. */
export function RefreshInput({
  value,
  onChange,
  focused,
  hasFocus,
}: {
  value: string;
  onChange: (v: string) => void;
  focused: boolean;
  hasFocus: () => boolean;
}) {
  const theme = useTheme();
  return (
    <Box>
      <FieldInput
        value={value}
        onChange={onChange}
        focus={focused}
        hasFocus={hasFocus}
        width={6}
        placeholder={String(defaultRefreshSeconds)}
      />
      <Text color={theme.muted}> seconds{value ? '' : ' (default)'}</Text>
    </Box>
  );
}

/** A button row of the form; what it reports (a test's result) beside it. */
export function Button({
  label,
  focused,
  width,
  children,
}: {
  label: string;
  focused: boolean;
  width: number;
  children?: ReactNode;
}) {
  const theme = useTheme();
  return (
    <Box width={width}>
      <Box flexShrink={0}>
        <Text bold={focused} color={focused ? theme.accent : undefined}>
          {focused ? '› ' : '  '}[ {label} ]
        </Text>
      </Box>
      {children ? (
        <Box marginLeft={2} flexShrink={1}>
          {children}
        </Box>
      ) : null}
    </Box>
  );
}
