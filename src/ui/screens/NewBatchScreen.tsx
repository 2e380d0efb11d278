import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { NewBatchForm } from '../components/NewBatchForm.js';
import { PickerView } from '../components/PickerView.js';
import { ReportProgress } from '../components/ReportProgress.js';
import { ReportView } from '../components/ReportView.js';
import { UploadView } from '../components/UploadView.js';
import { useNewBatch, type NewBatchHookOptions, type NewBatchView } from '../hooks/useNewBatch.js';
import { useApp } from '../services/context.js';
import { useBodySize } from '../state/layout.js';
import { useQuitGuard } from '../state/quit-guard.js';
import { useTheme } from '../theme/context.js';

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

  // ctrl-c while a file is on its way asks first; a second ctrl-c (or y) quits.
  const busy = step.name === 'uploading' || step.name === 'cancelling' || step.name === 'creating';
  const [askingQuit, setAskingQuit] = useState(false);
  const asking = useRef(false);
  const closeQuestion = () => {
    asking.current = false;
    setAskingQuit(false);
  };
  useEffect(() => {
    if (!busy) closeQuestion();
  }, [busy]);
  useQuitGuard(
    busy
      ? () => {
          if (asking.current) return false;
          asking.current = true;
          setAskingQuit(true);
          return true;
        }
      : null,
  );

  switch (step.name) {
    case 'picking':
      return <PickerView state={state} service={service} onLeave={leave} />;
    case 'validating':
      return <ReportProgress path={step.path} bytesRead={step.bytesRead} totalBytes={step.totalBytes} service={service} />;
    case 'report':
      return <ReportView report={step.report} notice={state.notice} service={service} />;
    case 'form':
      return <NewBatchForm report={step.report} form={state.form} completionWindows={state.completionWindows} notice={state.notice} service={service} />;
    case 'uploading':
    case 'cancelling':
    case 'creating':
    case 'error':
      return (
        <UploadView
          step={step}
          form={state.form}
          service={service}
          askingQuit={askingQuit && busy}
          onQuit={() => {
            // Abort first: the server then never receives a whole file.
            service.cancel();
            exit();
          }}
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
