import { Text } from 'ink';
import { useCommands } from '../keys/dispatcher.js';
import { ConfirmAnswer } from './ConfirmAnswer.js';
import { Modal } from './Modal.js';

/**
 * "Quit fizz-batch?" where one key would otherwise end the program and lose what was typed (esc on
 * the setup screen). The default is to stay: esc again, n or enter closes the question.
 */
export function QuitQuestion({
  why,
  width,
  onQuit,
  onStay,
}: {
  why: string;
  width: number;
  onQuit: () => void;
  onStay: () => void;
}) {
  useCommands('confirm', (command) => {
    if (command === 'confirm') onQuit();
    else if (command === 'deny') onStay();
    return true;
  });
  return (
    <Modal title="Quit fizz-batch? y/N" width={Math.max(30, Math.min(64, width - 2))}>
      <Text wrap="truncate-end">{why}</Text>
      <ConfirmAnswer yes="quit" no="stay" doing="quitting" />
    </Modal>
  );
}
