import { Box, Text } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isTransferring } from '../../../core/new-batch/state.js';
import { NewBatchForm } from './NewBatchForm.js';
import { PickerView } from './PickerView.js';
import { ReportProgress } from './ReportProgress.js';
import { ReportView } from './ReportView.js';
import { UploadView } from './UploadView.js';
import { useNewBatch, type NewBatchHookOptions, type NewBatchView } from './useNewBatch.js';
import { useApp } from '../../state/services-context.js';
import { useBodySize } from '../../state/layout.js';
import { useQuitGuard } from '../../state/quit-guard.js';
import { useTheme } from '../../theme/context.js';

/**
 * New batch (`n`): pick a file → its validation report → the form → upload →
 * create → the new job's live detail. Each step is its own view with its own keys; the flow
 * itself (and every rule of it) is the NewBatchService's.
 */
export function NewBatchScreen(options: NewBatchHookOptions) {
  const view = useNewBatch(options);
  if (!view) return <Text>Not connected.</Text>;
  return <NewBatchFlow {...view} />;
}

function NewBatchFlow({ state, service, leave }: NewBatchView) {
  const theme = useTheme();
  const { width } = useBodySize();
  const { exit } = useApp();
  const { step } = state;

  // ctrl-c while a file is on its way asks first; a second ctrl-c (or y) quits. While the question
  // is open nothing is created: an upload that finishes meanwhile waits for the answer.
  const busy = isTransferring(step.name);
  const [askingQuit, setAskingQuit] = useState(false);
  const asking = useRef(false);
  const closeQuestion = useCallback(() => {
    asking.current = false;
    setAskingQuit(false);
    service.releaseCreate();
  }, [service]);
  useEffect(() => {
    if (!busy && asking.current) closeQuestion();
  }, [busy, closeQuestion]);
  const quit = () => {
    // Abort first: the server then never receives a whole file; a file already there is named.
    const note = service.quit();
    exit(note ?? undefined);
  };
  useQuitGuard(
    busy
      ? () => {
          if (asking.current) {
            quit();
            return true;
          }
          asking.current = true;
          service.holdCreate();
          setAskingQuit(true);
          return true;
        }
      : null,
  );

  switch (step.name) {
    case 'picking':
      return <PickerView state={state} service={service} onLeave={leave} />;
    case 'validating':
      return (
        <ReportProgress path={step.path} bytesRead={step.bytesRead} totalBytes={step.totalBytes} service={service} />
      );
    case 'report':
      return <ReportView report={step.report} notice={state.notice} modelCheck={state.modelCheck} service={service} />;
    case 'form':
      return (
        <NewBatchForm
          report={step.report}
          form={state.form}
          completionWindows={state.completionWindows}
          notice={state.notice}
          service={service}
        />
      );
    case 'uploading':
    case 'uploaded':
    case 'cancelling':
    case 'creating':
    case 'error':
      return (
        <UploadView
          step={step}
          form={state.form}
          service={service}
          askingQuit={askingQuit && busy}
          onQuit={quit}
          onStay={closeQuestion}
        />
      );
    case 'done':
      return (
        <Box width={width}>
          <Text wrap="truncate-end" color={theme.success}>
            ✓ Created {step.batch.id} — opening it…
          </Text>
        </Box>
      );
  }
}
