import { useCommands } from '../keys/dispatcher.js';

/**
 * The keys of every yes/no question (scope 'confirm', over whatever opened it): y says yes, unless
 * the answer is still being carried out (busy); n, enter and esc say no; every other key does
 * nothing, so a stray enter or q can never do what the question asks about.
 */
export function useConfirmKeys(onConfirm: () => void, onClose: () => void, busy = false): void {
  useCommands('confirm', (command) => {
    if (command === 'confirm') {
      if (!busy) onConfirm();
    } else if (command === 'deny') {
      onClose();
    }
    return true;
  });
}
