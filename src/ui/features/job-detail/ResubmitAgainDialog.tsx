import { Text } from 'ink';
import type { Batch } from '../../../api/index.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useBodySize } from '../../state/layout.js';
import { statusLook } from '../../theme/status.js';
import { ConfirmAnswer } from '../../kit/ConfirmAnswer.js';
import { printable } from '../../kit/DetailLines.js';
import { Modal } from '../../kit/Modal.js';

/**
 * "Already resubmitted as batch_… (in progress) — resubmit again?" before a second `R` makes a
 * second batch of the same requests. No unless the user presses y (scope 'confirm').
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
  useCommands('confirm', (command) => {
    if (command === 'confirm') onConfirm();
    else if (command === 'deny') onClose();
    return true;
  });
  const width = Math.max(30, Math.min(84, body.width - 4));
  return (
    <Modal title="Resubmit again?" width={width}>
      <Text wrap="wrap">
        {`${printable(job.id)} was already resubmitted as ${printable(previous.id)} (${statusLook(previous.status).label}) — resubmit again?`}
      </Text>
      <Text wrap="wrap">Its requests would run, and be billed, a second time.</Text>
      <ConfirmAnswer yes="resubmit again" no="do not" doing="" />
    </Modal>
  );
}
