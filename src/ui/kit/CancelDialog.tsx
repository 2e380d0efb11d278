import { Box, Text } from 'ink';
import type { Batch } from '../../api/index.js';
import { truncate } from '../format/fit.js';
import { formatCount, percent } from '../format/numbers.js';
import { useBodySize } from '../state/layout.js';
import { useTheme } from '../theme/context.js';
import { printable } from './DetailLines.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { StatusText } from './StatusText.js';

export interface CancelDialogProps {
  job: Batch;
  /** The cancel request is in flight. */
  busy?: boolean;
  /** Why the last attempt failed (e.g. the server's 409), shown until the dialog is dismissed. */
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * "Cancel this batch?" — the answer is No unless the user presses y (a ConfirmDialog, so a stray
 * enter or q can never cancel a job). The caller places it (centred in the body); it fits the 12
 * body rows of a 60×15 terminal.
 */
export function CancelDialog({ job, busy = false, error = null, onConfirm, onClose }: CancelDialogProps) {
  const theme = useTheme();
  const body = useBodySize();

  const width = Math.max(30, Math.min(72, body.width - 4));
  const inner = width - 4;
  // Short terminals drop the spacer rows rather than the words.
  const roomy = body.height >= 14;
  const { total, completed, failed } = job.requestCounts;
  const done = completed + failed;
  const description = job.metadata['description'];
  const finished = `${formatCount(done)}/${formatCount(total)} finished (${percent(done, total)})`;
  const split = `${formatCount(completed)} completed, ${formatCount(failed)} failed`;
  const oneLine = 10 + finished.length + 3 + split.length <= inner;
  const label = (text: string) => <Text color={theme.muted}>{text.padEnd(10)}</Text>;

  return (
    <ConfirmDialog
      title="Cancel this batch?"
      width={width}
      yes={job.status === 'finalizing' ? 'cancel anyway' : 'cancel the job'}
      doing="cancelling…"
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <Text wrap="truncate-end">
        {label('Batch')}
        <Text bold>{job.id}</Text>
      </Text>
      {description ? (
        <Text wrap="truncate-end">
          {label('')}
          {truncate(printable(description), inner - 10)}
        </Text>
      ) : null}
      <Box>
        {label('Status')}
        <StatusText job={job} />
      </Box>
      {oneLine ? (
        <Text wrap="truncate-end">
          {label('Progress')}
          {`${finished} · ${split}`}
        </Text>
      ) : (
        <>
          <Text wrap="truncate-end">
            {label('Progress')}
            {finished}
          </Text>
          <Text wrap="truncate-end">
            {label('')}
            {split}
          </Text>
        </>
      )}
      {roomy ? <Text> </Text> : null}
      {/* On a short terminal the refusal takes the note's place: it was read before pressing y. */}
      {roomy || !error ? (
        job.status === 'finalizing' ? (
          <Text wrap="wrap" color={theme.warning}>
            {finalizingWarning(job, roomy)}
          </Text>
        ) : (
          <Text wrap="wrap">
            Requests that already finished still count and are billed; their results stay available.
          </Text>
        )
      ) : null}
      {roomy ? <Text> </Text> : null}
    </ConfirmDialog>
  );
}

/**
 * A finalizing job has run every request it will run; the server is writing the result files.
 * OpenAI still accepts a cancel then: the job ends as `cancelled`, with "partial results (if any)"
 * in its output file. Cancelling saves nothing (what ran is billed) and may lose results.
 */
function finalizingWarning(job: Batch, roomy: boolean): string {
  const { total, completed, failed } = job.requestCounts;
  const all = total > 0 && completed + failed >= total;
  const done = all ? `All ${formatCount(total)} requests have finished` : 'No requests are left to run';
  if (!roomy) return `! ${done}: nothing is left to cancel, and cancelling may lose results.`;
  return (
    `! ${done}: nothing is left to cancel. The server is writing the result files. ` +
    'Cancelling now saves nothing (finished requests are billed) and may end the job as cancelled with only part of its results. Wait for completed instead.'
  );
}
