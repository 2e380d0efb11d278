import { Text } from 'ink';
import { plural, pluralWord } from '../../api/index.js';
import type { ResubmitPhase } from '../../core/results/resubmit.js';
import type { ResubmitState } from '../../core/results/session/resubmit.js';
import { formatBytes, formatCount, percent } from '../format/numbers.js';
import { useCommands } from '../keys/dispatcher.js';
import { useBodySize } from '../state/layout.js';
import { useTheme } from '../theme/context.js';
import { Modal } from './Modal.js';
import { Spinner } from './Spinner.js';
import { fitFilename } from '../format/fit.js';
import { keyLabel } from '../keys/keymap.js';

export interface ResubmitDialogProps {
  jobId: string;
  state: ResubmitState;
  /** q/esc while reading. */
  onCancel: () => void;
  /** enter on the count: into the new-batch flow. */
  onContinue: () => void;
  /** q/esc on the count or the failure. */
  onClose: () => void;
}

/** Reasons listed one per row, at most this many (the rest are summed). */
const MAX_REASONS = 5;

/**
 * `R` on a finished job: reading its files (progress, q stops), then how many requests will run
 * again and why (a row per reason: "40 batch_expired · expired before it ran"), enter to go on.
 * Nothing is uploaded from here: the new-batch flow checks the file and asks as usual.
 */
export function ResultsResubmitDialog({ jobId, state, onCancel, onContinue, onClose }: ResubmitDialogProps) {
  const theme = useTheme();
  const body = useBodySize();
  const planning = state.status === 'planning';
  useCommands(planning ? 'resubmitBusy' : 'resubmit', (command) => {
    if (command === 'cancelStep') onCancel();
    else if (command === 'continue' && state.status === 'ready') onContinue();
    else if (command === 'back') onClose();
    return true;
  });
  const width = Math.max(40, Math.min(84, body.width - 4));
  const title = `Resubmit what failed in ${jobId}`;

  if (state.status === 'planning') {
    const progress = state.progress;
    const share = progress
      ? progress.totalBytes
        ? percent(progress.scannedBytes, progress.totalBytes)
        : formatBytes(progress.scannedBytes)
      : '';
    return (
      <Modal title={title} width={width}>
        <Text wrap="truncate-end">
          <Spinner /> Reading {progress ? phaseText(progress.phase) : "the job's files"}… {share}
        </Text>
        <Text color={theme.muted} wrap="truncate-end">
          The original input file is only read, never changed. {keyLabel('cancelStep', 'resubmitBusy')} stops.
        </Text>
      </Modal>
    );
  }
  if (state.status === 'failed' || state.status === 'cancelled' || state.status === 'nothing') {
    const text =
      state.status === 'failed'
        ? `✗ ${state.error}`
        : state.status === 'cancelled'
          ? 'Stopped: nothing was created.'
          : 'Nothing to resubmit.';
    return (
      <Modal title={title} width={width}>
        <Text color={state.status === 'failed' ? theme.danger : theme.muted} wrap="wrap">
          {text}
        </Text>
        <Text color={theme.muted}>{keyLabel('back', 'resubmit')} closes</Text>
      </Modal>
    );
  }

  const { plan } = state;
  const requests = plural(plan.count, 'request', { grouped: true });
  const shown = plan.reasons.slice(0, MAX_REASONS);
  const rest = plan.reasons.slice(MAX_REASONS).reduce((sum, r) => sum + r.count, 0);
  return (
    <Modal title={title} width={width}>
      <Text wrap="truncate-end">
        <Text bold>{requests} to resubmit</Text>, by why they did not succeed:
      </Text>
      {shown.map((reason) => (
        <Text key={reason.code} wrap="truncate-end">
          <Text>{formatCount(reason.count).padStart(8)} </Text>
          {/* "HTTP 400 invalid_value" says the code already; "expired before it ran" needs it. */}
          {reason.label.includes(reason.code) ? (
            <Text>{reason.label}</Text>
          ) : (
            <Text>
              {reason.code}
              <Text color={theme.muted}> · {reason.label}</Text>
            </Text>
          )}
        </Text>
      ))}
      {rest > 0 ? <Text color={theme.muted}>{`${formatCount(rest).padStart(8)} for other reasons`}</Text> : null}
      {plan.failedWithoutInput.length > 0 ? (
        <Text color={theme.warning} wrap="truncate-end">
          {plural(plan.failedWithoutInput.length, 'failed request', { grouped: true })}{' '}
          {pluralWord(plan.failedWithoutInput.length, 'is', 'are')} not in the input file and cannot be resubmitted
        </Text>
      ) : null}
      <Text color={theme.muted} wrap="truncate-end">
        new file {fitFilename(plan.path, width - 13)}
      </Text>
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          enter
        </Text>{' '}
        check it, then upload and create the batch ·{' '}
        <Text bold color={theme.accent}>
          q/esc
        </Text>{' '}
        close
      </Text>
    </Modal>
  );
}

function phaseText(phase: ResubmitPhase): string {
  switch (phase) {
    case 'errors':
      return 'the error file';
    case 'output':
      return 'the output file (for requests that never ran)';
    case 'input':
      return 'the input file';
    case 'writing':
      return 'the input lines into the new file';
  }
}
