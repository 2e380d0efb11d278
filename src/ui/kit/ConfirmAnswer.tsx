import { Text } from 'ink';
import { useTheme } from '../theme/context.js';
import { Spinner } from './Spinner.js';

/**
 * The last lines of a yes/no dialog: the question's keys, a spinner while the answer is being
 * carried out, or the refusal with the keys to try again or close.
 */
export function ConfirmAnswer({
  yes,
  no = 'keep it',
  doing,
  busy,
  error,
}: {
  yes: string;
  no?: string;
  doing: string;
  busy?: boolean;
  error?: string | null;
}) {
  const theme = useTheme();
  if (error) {
    return (
      <>
        <Text color={theme.danger} wrap="wrap">
          ✗ {error}
        </Text>
        <Text wrap="truncate-end">
          <Text bold color={theme.accent}>
            y
          </Text>{' '}
          try again ·{' '}
          <Text bold color={theme.accent}>
            n/enter/esc
          </Text>{' '}
          close
        </Text>
      </>
    );
  }
  if (busy) {
    return (
      <Text>
        <Spinner /> {doing}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      <Text bold color={theme.accent}>
        y
      </Text>{' '}
      {yes} ·{' '}
      <Text bold color={theme.accent}>
        n/enter/esc
      </Text>{' '}
      {no} (default)
    </Text>
  );
}
