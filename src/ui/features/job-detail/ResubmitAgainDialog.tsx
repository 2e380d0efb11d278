import { Text } from 'ink';
import type { Batch } from '../../../api/index.js';
import { useBodySize } from '../../state/layout.js';
import { statusLook } from '../../theme/status.js';
import { ConfirmDialog } from '../../kit/ConfirmDialog.js';
import { printable } from '../../kit/DetailLines.js';

/**
 * "Already resubmitted as batch_… (in progress) — resubmit again?" before a second `R` makes a
 * second batch of the same requests. No unless the user presses y.
 */
export function ResubmitAgainDialog({
  job,
  previous,
  onConfirm,
  onClose,
}: {
  job: Batch;
  previous: Batch;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const body = useBodySize();
  const width = Math.max(30, Math.min(84, body.width - 4));
  return (
    <ConfirmDialog
      title="Resubmit again?"
      width={width}
      yes="resubmit again"
      no="do not"
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <Text wrap="wrap">
        {`${printable(job.id)} was already resubmitted as ${printable(previous.id)} (${statusLook(previous.status).label}) — resubmit again?`}
      </Text>
      <Text wrap="wrap">Its requests would run, and be billed, a second time.</Text>
    </ConfirmDialog>
  );
}
