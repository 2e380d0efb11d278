import { Box, Text } from 'ink';
import type { ResultsSource } from '../../../core/results/session/state.js';
import type { PagerJobFiles } from './PagerCommands.js';
import { ResultsPager } from './ResultsPager.js';
import { Spinner } from '../../kit/Spinner.js';
import { errorMessage } from '../../format/errors.js';
import { useCloseResultsSession, useResultsSession } from './useResultsSession.js';
import { useCommands } from '../../keys/dispatcher.js';
import { bindings, keyLabel, type Command } from '../../keys/keymap.js';
import { useBodySize } from '../../state/layout.js';
import { useNavigation } from '../../state/nav-context.js';
import { useTheme } from '../../theme/context.js';

/**
 * The results pager in the console: a job's output or error file (`o`, `e` on
 * its detail, joined with its input file) or an uploaded file (enter on the files screen).
 */
export function ResultsScreen({ source }: { source: ResultsSource }) {
  const opening = useResultsSession(source);
  const nav = useNavigation();
  const close = useCloseResultsSession();
  const leave = () => {
    close(source);
    nav.back();
  };
  // o / e in the pager: the job's other file takes this one's place (q still goes to the detail).
  const openOther = (which: 'output' | 'error') => {
    if (source.kind !== 'job') return;
    leave();
    nav.push({ name: 'results', source: { kind: 'job', job: source.job, file: which } });
  };
  if (opening?.status === 'open') {
    const job =
      source.kind === 'job' ? { files: jobFiles(source), open: (which: 'output' | 'error') => openOther(which) } : null;
    return <ResultsPager session={opening.session} onLeave={leave} job={job} />;
  }
  return <Opening source={source} error={opening?.status === 'failed' ? opening.error : null} onLeave={leave} />;
}

function jobFiles(source: Extract<ResultsSource, { kind: 'job' }>): PagerJobFiles {
  const { job, file } = source;
  return {
    showing: file,
    hasOutput: job.outputFileId !== null,
    hasError: job.errorFileId !== null,
    failed: job.requestCounts.failed,
  };
}

/** Until the file is open only q does something: the footer offers nothing else. */
const nothingToPageYet: Command[] = bindings
  .filter((b) => b.scopes.includes('results') && b.command !== 'back')
  .map((b) => b.command);

/** Before the session exists: the file being looked up in the cache, or why it cannot be opened. */
function Opening({ source, error, onLeave }: { source: ResultsSource; error: unknown; onLeave: () => void }) {
  const theme = useTheme();
  const { width } = useBodySize();
  useCommands(
    'results',
    (command) => {
      if (command !== 'back') return false;
      onLeave();
      return true;
    },
    true,
    nothingToPageYet,
  );
  const name =
    source.kind === 'job' ? `the ${source.file} file of ${source.job.id}` : source.file.filename || source.file.id;
  return (
    <Box flexDirection="column" width={width}>
      {error ? (
        <>
          <Text color={theme.danger} wrap="truncate-end">
            ✗ Cannot open {name}: {errorMessage(error)}
          </Text>
          <Text color={theme.muted}>{keyLabel('back', 'results')} goes back</Text>
        </>
      ) : (
        <Text wrap="truncate-end">
          <Spinner /> Opening {name}…
        </Text>
      )}
    </Box>
  );
}
