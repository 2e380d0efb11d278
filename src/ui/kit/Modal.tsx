import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme/context.js';

/** A bordered box drawn over the middle of the body. */
export function Modal({ title, width, children }: { title: string; width: number; children: ReactNode }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.warning} paddingX={1} width={width}>
      <Text bold>{title}</Text>
      {children}
    </Box>
  );
}
