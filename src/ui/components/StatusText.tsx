import { Text } from 'ink';
import { useTheme } from '../theme/context.js';
import { statusLook } from '../theme/status.js';

export function StatusText({ status, width }: { status: string; width?: number }) {
  const theme = useTheme();
  const look = statusLook(status);
  const text = `${look.symbol} ${look.label}`;
  return (
    <Text color={theme[look.tone]} wrap="truncate-end">
      {width ? text.padEnd(width).slice(0, width) : text}
    </Text>
  );
}
