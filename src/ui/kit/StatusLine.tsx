import { Text } from 'ink';
import { errorMessage } from '../format/errors.js';
import { useTheme } from '../theme/context.js';
import { Spinner } from './Spinner.js';

export interface StatusLineProps {
  loading: boolean;
  /** Beside the spinner while loading: the first load ("Loading files from host…") or a refresh. */
  loadingText: string;
  /** The last load failed; the rows it had before stay below. */
  error: unknown;
  /** Before the error's words: "stale: " when rows are kept, else what could not be done. */
  errorPrefix: string;
  /** What is listed, when all is well; null before anything is loaded (an empty row). */
  summary: string | null;
  /** The key that loads again (keyLabel of refresh). */
  retryKey: string;
}

/**
 * Above a list the server sends: loading (a spinner), why the last load failed (r retries), or
 * what is listed. The models and files screens draw it; it is always one row.
 */
export function StatusLine({ loading, loadingText, error, errorPrefix, summary, retryKey }: StatusLineProps) {
  const theme = useTheme();
  if (loading) {
    return (
      <Text wrap="truncate-end">
        <Spinner /> {loadingText}
      </Text>
    );
  }
  if (error) {
    return (
      <Text color={theme.danger} wrap="truncate-end">
        ✗ {errorPrefix}
        {errorMessage(error)} · {retryKey} retries
      </Text>
    );
  }
  if (summary === null) return <Text> </Text>;
  return (
    <Text color={theme.muted} wrap="truncate-end">
      {summary}
    </Text>
  );
}
