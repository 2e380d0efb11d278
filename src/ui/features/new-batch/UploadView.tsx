import { Box, Text } from 'ink';
import { basename } from 'node:path';
import type { ReactNode } from 'react';
import type { NewBatchService } from '../../../core/new-batch/service.js';
import type { NewBatchState, NewBatchStep, UploadProgress } from '../../../core/new-batch/state.js';
import { errorMessage } from '../../format/errors.js';
import { formatBytes, percent } from '../../format/numbers.js';
import { duration } from '../../format/time.js';
import { wrapText } from '../../format/wrap.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useBodySize } from '../../state/layout.js';
import { useTheme } from '../../theme/context.js';
import { printable } from '../../kit/DetailLines.js';
import { ProgressBar } from '../../kit/ProgressBar.js';
import { Spinner } from '../../kit/Spinner.js';
import { UploadQuitDialog } from './UploadQuitDialog.js';
import { keyLabel } from '../../keys/keymap.js';

type UploadStep = Extract<NewBatchStep, { name: 'uploading' | 'uploaded' | 'cancelling' | 'creating' | 'error' }>;

export interface UploadViewProps {
  step: UploadStep;
  form: NewBatchState['form'];
  service: NewBatchService;
  /** ctrl-c was pressed while this runs: the question replaces the hints. */
  askingQuit: boolean;
  onQuit: () => void;
  onStay: () => void;
}

/**
 * Steps 4 and 5 of a new batch: the upload with a byte bar, rate and time left (q/esc cancels it:
 * nothing is created), then the create. A failure says what happened and that r tries again.
 * Repaints only when the upload reports progress (at most ten times a second).
 */
export function UploadView({ step, form, service, askingQuit, onQuit, onStay }: UploadViewProps) {
  const theme = useTheme();
  const { width, height } = useBodySize();
  const failed = step.name === 'error';
  useCommands(
    'upload',
    (command) => {
      if (command === 'cancelStep') service.cancel();
      return true;
    },
    !failed && !askingQuit,
  );
  useCommands(
    'uploadFailed',
    (command) => {
      if (command === 'retry') service.retry();
      else if (command === 'back') service.back();
      return true;
    },
    failed && !askingQuit,
  );

  const name = printable(basename(step.path));
  const barWidth = Math.max(10, Math.min(50, width - 30));
  const textWidth = Math.max(20, width - 2);
  const lines: Array<{ key: string; node: ReactNode }> = [];
  const add = (key: string, node: ReactNode) => lines.push({ key, node });

  add(
    'title',
    <Text wrap="truncate-end">
      <Text bold>
        {step.name === 'creating' || (step.name === 'error' && step.stage !== 'upload')
          ? 'Creating a batch from '
          : step.name === 'uploaded'
            ? 'Uploaded '
            : 'Uploading '}
      </Text>
      <Text>{name}</Text>
      <Text color={theme.muted}>{` · ${step.report.endpoint ?? '—'} · ${form.completionWindow}`}</Text>
    </Text>,
  );
  add('gap', <Text> </Text>);

  switch (step.name) {
    case 'uploading':
      add('bar', <ByteBar progress={step.progress} width={barWidth} />);
      add(
        'rate',
        <Text wrap="truncate-end" color={theme.muted}>
          {rateText(step.progress)}
        </Text>,
      );
      break;
    case 'cancelling':
      add(
        'cancelling',
        <Text wrap="truncate-end">
          <Spinner /> Cancelling the upload…
        </Text>,
      );
      break;
    case 'uploaded':
      add(
        'uploaded',
        <Text
          wrap="truncate-end"
          color={theme.success}
        >{`✓ Uploaded as ${step.file.id} (${formatBytes(step.file.bytes ?? step.report.bytes)})`}</Text>,
      );
      add('waiting', <Text wrap="truncate-end">The batch is not created yet: it waits for your answer.</Text>);
      break;
    case 'creating':
      add(
        'uploaded',
        <Text
          wrap="truncate-end"
          color={theme.success}
        >{`✓ Uploaded as ${step.file.id} (${formatBytes(step.file.bytes ?? step.report.bytes)})`}</Text>,
      );
      add(
        'creating',
        <Text wrap="truncate-end">
          <Spinner />{' '}
          {step.looking ? 'Looking for the batch the unanswered create may have made…' : 'Creating the batch…'}
        </Text>,
      );
      break;
    case 'error': {
      if (step.file)
        add('uploaded', <Text wrap="truncate-end" color={theme.success}>{`✓ Uploaded as ${step.file.id}`}</Text>);
      const what =
        step.stage === 'upload'
          ? 'The upload failed: '
          : step.stage === 'lookup'
            ? ''
            : step.createMayExist
              ? 'The create got no answer, so the batch may exist: '
              : 'The batch could not be created: ';
      wrapText(`✗ ${what}${errorMessage(step.error)}`, textWidth, Math.max(1, height - 7)).forEach((row, i) => {
        add(
          `error-${i}`,
          <Text wrap="truncate-end" color={theme.danger}>
            {i === 0 ? row : `  ${row}`}
          </Text>,
        );
      });
      break;
    }
  }

  add('gap2', <Text> </Text>);
  if (askingQuit) {
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        {lines.map((line) => (
          <Box key={line.key} height={1} width={width}>
            {line.node}
          </Box>
        ))}
        <UploadQuitDialog
          stage={
            step.name === 'uploaded' ? { uploaded: step.file.id } : step.name === 'uploading' ? 'uploading' : 'creating'
          }
          onQuit={onQuit}
          onStay={onStay}
        />
      </Box>
    );
  }
  add(
    'hint',
    <Text wrap="truncate-end" color={theme.muted}>
      {hint(step)}
    </Text>,
  );
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(0, height).map((line) => (
        <Box key={line.key} height={1} width={width}>
          {line.node}
        </Box>
      ))}
    </Box>
  );
}

function hint(step: UploadStep): string {
  const [retry, back] = [keyLabel('retry', 'uploadFailed'), keyLabel('back', 'uploadFailed')];
  switch (step.name) {
    case 'uploading':
      return `${keyLabel('cancelStep', 'upload')} cancels: the upload stops and nothing is created.`;
    case 'cancelling':
      return 'Making sure nothing is left on the server…';
    case 'uploaded':
      return 'Nothing is created until you answer.';
    case 'creating':
      return 'One request; it cannot be cancelled halfway.';
    case 'error':
      if (step.stage === 'upload') return `${retry} tries again from the start · ${back} back to the form`;
      if (step.stage === 'lookup')
        return `${retry} looks again, creates only if the list shows none · ${back} back (the file is kept)`;
      return step.createMayExist
        ? `${retry} looks for it first, creates only if there is none · ${back} back (the file is removed if unused)`
        : `${retry} tries again with the uploaded file · ${back} back to the form (the file is removed)`;
  }
}

/** "12 MB/s · 8s left", or what is known so far. */
function rateText(progress: UploadProgress): string {
  if (progress.sent >= progress.total && progress.total > 0) return 'sent; waiting for the server to store the file…';
  if (progress.bytesPerSecond === null) return 'measuring the rate…';
  const left =
    progress.etaSeconds === null
      ? ''
      : progress.etaSeconds < 1
        ? ' · under a second left'
        : ` · ${duration(progress.etaSeconds)} left`;
  return `${formatBytes(progress.bytesPerSecond)}/s${left}`;
}

function ByteBar({ progress, width }: { progress: UploadProgress; width: number }) {
  const { sent, total } = progress;
  return (
    <Text wrap="truncate-end">
      <ProgressBar completed={sent} failed={0} total={Math.max(total, 1)} width={width} />
      <Text>{` ${percent(sent, total).padStart(4)}  ${formatBytes(sent)} of ${formatBytes(total)}`}</Text>
    </Text>
  );
}
