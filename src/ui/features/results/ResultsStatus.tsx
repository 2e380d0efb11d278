import { Text } from 'ink';
import type { MatchCount, Notice, SearchState } from '../../../core/results/session/state.js';
import type { TaskState } from '../../../core/results/session/save.js';
import type { ScanProgress } from '../../../core/results/types.js';
import { formatBytes, formatCount, percent } from '../../format/numbers.js';
import { useTheme } from '../../theme/context.js';
import type { Notice as Message } from '../../kit/notice.js';
import { Spinner } from '../../kit/Spinner.js';
import { keyLabel } from '../../keys/keymap.js';

/** The key that stops what runs in the background (the same in the console's pager and the viewer). */
const cancelKey = keyLabel('cancelStep', 'resultsBusy');

export interface ResultsStatusProps {
  task: TaskState | null;
  search: SearchState | null;
  notice: Notice | null;
  /** E is looking for the next error. */
  seeking: { progress: ScanProgress | null } | null;
  width: number;
}

/**
 * The pager's bottom row: what the last command did. A save in progress or its outcome first
 * (the path and the bytes), then news (a notice), then the search (running with its progress,
 * found, not found); empty otherwise. An outcome is said until the next key (the session's
 * dismissNotice): it describes what that key may change.
 */
export function ResultsStatus({ task, search, notice, seeking, width }: ResultsStatusProps) {
  const theme = useTheme();
  const message = task
    ? taskMessage(task)
    : seeking
      ? seekingMessage(seeking.progress)
      : notice
        ? { text: notice.text, tone: notice.tone }
        : search?.shown
          ? searchMessage(search)
          : null;
  if (!message) return <Text> </Text>;
  const running = task ? task.status === 'running' : seeking !== null || (!notice && search?.status === 'running');
  return (
    <Text wrap="truncate-end">
      {running ? (
        <>
          <Spinner />{' '}
        </>
      ) : null}
      <Text color={theme[message.tone]}>{message.text.slice(0, Math.max(0, width * 2))}</Text>
    </Text>
  );
}

function taskMessage(task: TaskState): Message {
  const what = task.what === 'joined' ? 'joined export' : 'file';
  switch (task.status) {
    case 'running': {
      const share = task.totalBytes ? ` ${percent(task.bytes, task.totalBytes)}` : '';
      return {
        text: `saving the ${what}${share} (${formatBytes(task.bytes)}) to ${task.path} · ${cancelKey} cancels`,
        tone: 'info',
      };
    }
    case 'done': {
      const lines = task.lines !== null ? ` · ${formatCount(task.lines)} lines` : '';
      const without = task.withoutInput ? ` · ${formatCount(task.withoutInput)} without their input` : '';
      return { text: `✓ saved ${formatBytes(task.bytes)}${lines}${without} to ${task.path}`, tone: 'success' };
    }
    case 'failed':
      return { text: `✗ ${task.error}`, tone: 'danger' };
    case 'cancelled':
      return { text: `Save cancelled: nothing was written to ${task.path}.`, tone: 'warning' };
    case 'exists':
      return { text: `${task.path} exists: not overwritten.`, tone: 'warning' };
    case 'noDirectory':
      return { text: `${task.dir} does not exist: nothing was saved.`, tone: 'warning' };
  }
}

function seekingMessage(progress: ScanProgress | null): Message {
  return { text: `looking for the next error…${progressText(progress)} · ${cancelKey} cancels`, tone: 'info' };
}

/** " 34%", or the bytes read when the size is not known yet; empty before the first report. */
function progressText(progress: ScanProgress | null): string {
  if (!progress) return '';
  return ` ${progress.totalBytes ? percent(progress.scannedBytes, progress.totalBytes) : formatBytes(progress.scannedBytes)}`;
}

/** "match 3 of 12 · ", "match 3 of 12+ · " while counting, nothing before the count reaches the match. */
function matchText(matches: MatchCount | null): string {
  if (!matches || matches.index === null) return '';
  return `match ${formatCount(matches.index + 1)} of ${formatCount(matches.total)}${matches.done ? '' : '+'} · `;
}

function searchMessage(search: SearchState): Message {
  const query = `"${search.query}"`;
  switch (search.status) {
    case 'running':
      return { text: `searching ${query}…${progressText(search.progress)} · ${cancelKey} cancels`, tone: 'info' };
    case 'found': {
      // Said first: after a wrap the match is above (n) or below (N) where the reader was.
      const wrapped = search.wrapped
        ? search.direction === 1
          ? 'search wrapped to the top · '
          : 'search wrapped to the bottom · '
        : '';
      return {
        text: `${wrapped}${matchText(search.matches)}${query} at line ${formatCount((search.line ?? 0) + 1)} · n next, N previous`,
        tone: search.wrapped ? 'warning' : 'success',
      };
    }
    case 'notFound':
      return { text: `${query} is not in the file.`, tone: 'warning' };
    case 'cancelled':
      return { text: `Search for ${query} cancelled.`, tone: 'muted' };
    case 'failed':
      return { text: `✗ Search failed: ${search.error ?? 'unknown error'}`, tone: 'danger' };
  }
}
