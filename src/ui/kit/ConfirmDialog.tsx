import type { ReactNode } from 'react';
import { ConfirmAnswer } from './ConfirmAnswer.js';
import { Modal } from './Modal.js';
import { useConfirmKeys } from './useConfirmKeys.js';

export interface ConfirmDialogProps {
  title: string;
  /** The box's width, borders included (the caller fits its own lines to it). */
  width: number;
  /** What y does, as the answer line says it ("cancel the job"). */
  yes: string;
  /** What n, enter and esc do (the default answer); "keep it" unless said. */
  no?: string;
  /** Said beside a spinner while the answer is carried out ("deleting…"). */
  doing?: string;
  /** The answer is being carried out: y does nothing until it is done. */
  busy?: boolean;
  /** Why the last try failed; y tries again. */
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
  /** What the question is about, above the answer line. */
  children?: ReactNode;
}

/**
 * Every yes/no question in a box: No unless the user presses y (useConfirmKeys). The caller
 * places it and fits its lines to `width`; the answer line (keys, spinner, refusal) is the same
 * in all of them.
 */
export function ConfirmDialog({
  title,
  width,
  yes,
  no,
  doing = '',
  busy = false,
  error = null,
  onConfirm,
  onClose,
  children,
}: ConfirmDialogProps) {
  useConfirmKeys(onConfirm, onClose, busy);
  return (
    <Modal title={title} width={width}>
      {children}
      <ConfirmAnswer yes={yes} no={no} doing={doing} busy={busy} error={error} />
    </Modal>
  );
}
