import { Text } from 'ink';
import type { FileObject } from '../../../api/index.js';
import { formatBytes } from '../../format/numbers.js';
import { useBodySize } from '../../state/layout.js';
import { useTheme } from '../../theme/context.js';
import { filenameOf } from './FileColumns.js';
import { fitFilename } from '../../format/fit.js';
import { ConfirmDialog } from '../../kit/ConfirmDialog.js';

export interface FileDeleteDialogProps {
  file: FileObject;
  /** The delete request is in flight. */
  busy: boolean;
  /** Why the last attempt failed, until the dialog is closed. */
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * "Delete this file?" — No unless the user presses y (a ConfirmDialog, so a stray enter or q can
 * never delete a file). Fits the 12 body rows of a 60×15 terminal.
 */
export function FileDeleteDialog({ file, busy, error, onConfirm, onClose }: FileDeleteDialogProps) {
  const theme = useTheme();
  const body = useBodySize();
  const width = Math.max(30, Math.min(72, body.width - 4));
  const inner = width - 4;
  const label = (text: string) => <Text color={theme.muted}>{text.padEnd(9)}</Text>;
  const consequence =
    file.purpose === 'batch_output'
      ? 'The results in it cannot be downloaded again. This cannot be undone.'
      : file.purpose === 'batch'
        ? 'It can no longer start a batch. This cannot be undone.'
        : 'This cannot be undone.';
  return (
    <ConfirmDialog
      title="Delete this file?"
      width={width}
      yes="delete"
      doing="deleting…"
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <Text wrap="truncate-end">
        {label('File')}
        <Text bold>{fitFilename(filenameOf(file), inner - 9)}</Text>
      </Text>
      <Text wrap="truncate-end">
        {label('')}
        {[file.id, file.purpose || null, formatBytes(file.bytes)].filter(Boolean).join(' · ')}
      </Text>
      <Text wrap="wrap">{consequence}</Text>
    </ConfirmDialog>
  );
}
