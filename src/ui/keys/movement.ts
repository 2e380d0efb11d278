import type { Command } from './keymap.js';

export interface Movement {
  /** Move the selection or the view by this many rows (negative: up). */
  by: (rows: number) => void;
  /** Move to this row; Infinity is the last one. */
  to: (row: number) => void;
}

/**
 * The movement keys every list and scrolling view shares (↑↓ j k, PgUp PgDn, g G), in one place.
 * Returns false for any other command, so the caller's switch handles the rest.
 */
export function applyMovement(command: Command, page: number, move: Movement): boolean {
  switch (command) {
    case 'down':
      move.by(1);
      return true;
    case 'up':
      move.by(-1);
      return true;
    case 'pageDown':
      move.by(page);
      return true;
    case 'pageUp':
      move.by(-page);
      return true;
    case 'top':
      move.to(0);
      return true;
    case 'bottom':
      move.to(Infinity);
      return true;
    default:
      return false;
  }
}
