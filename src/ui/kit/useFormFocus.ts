import { useRef, useState } from 'react';
import type { Command } from '../keys/keymap.js';

export interface FormFocusOptions<Row extends string> {
  /** The row focused when the form opens; the first one when unset. */
  initial?: Row;
  /** What enter does on each button; enter on any other row moves to the next row. */
  buttons?: Partial<Record<Row, () => void>>;
  /** Told which row tab, shift-tab or enter moved away from (a form marks it as visited). */
  onLeave?: (row: Row) => void;
}

export interface FormFocus<Row extends string> {
  /** The focused row, as this render draws it. */
  row: Row;
  /** The newest focused row, which the next key acts on even before React renders again. */
  liveRow: () => Row;
  /** For FieldInput's `hasFocus`: whether `row` holds the newest focus. */
  hasFocus: (row: Row) => () => boolean;
  /** Focuses a row directly (a form sending the user to the field that needs fixing). */
  focusOn: (row: Row) => void;
  /**
   * Takes fieldNext and fieldPrev (to the next or previous row, round at either end) and
   * fieldEnter (presses the focused button, else moves on). False for any other command: those
   * are the form's own.
   */
  navigate: (command: Command) => boolean;
}

/**
 * The focus of a form whose rows are fields and buttons, moved by the keymap's field commands.
 * Keys typed quickly (or over a slow link) arrive in one chunk and are handled before React
 * renders again, so the focus is kept in a ref as well as in state: every key reads the newest.
 */
export function useFormFocus<Row extends string>(
  rows: readonly Row[],
  options: FormFocusOptions<Row> = {},
): FormFocus<Row> {
  const first = options.initial ?? rows[0];
  if (first === undefined) throw new Error('useFormFocus needs at least one row');
  const [row, setRow] = useState<Row>(first);
  const live = useRef<Row>(row);

  const focusOn = (next: Row) => {
    live.current = next;
    setRow(next);
  };
  const move = (step: 1 | -1) => {
    const leaving = live.current;
    options.onLeave?.(leaving);
    const at = rows.indexOf(leaving);
    focusOn(rows[(at + step + rows.length) % rows.length] ?? leaving);
  };

  const navigate = (command: Command): boolean => {
    switch (command) {
      case 'fieldNext':
        move(1);
        return true;
      case 'fieldPrev':
        move(-1);
        return true;
      case 'fieldEnter': {
        const press = options.buttons?.[live.current];
        if (press) press();
        else move(1);
        return true;
      }
      default:
        return false;
    }
  };

  return { row, liveRow: () => live.current, hasFocus: (id) => () => live.current === id, focusOn, navigate };
}
