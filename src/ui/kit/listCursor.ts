import type { Command } from '../keys/keymap.js';

/**
 * The one place that turns the movement keys (↑↓ j k, PgUp PgDn, g G) into a place in a list, and
 * that decides which rows of a list or a tall view are on screen. Every list (jobs, files, the
 * new-batch picker, models, profiles) and every scrolling view (help, job detail, the validation
 * report) uses it, so they all move and scroll alike. Pure: the screens keep the state.
 */

/** Move by this many rows (negative: up), or to this row (Infinity: the last one). */
export type Movement = { by: number } | { to: number };

/** The movement a command asks for, a page being `page` rows; null for any other command. */
export function movementFor(command: Command, page: number): Movement | null {
  switch (command) {
    case 'down':
      return { by: 1 };
    case 'up':
      return { by: -1 };
    case 'pageDown':
      return { by: Math.max(1, page) };
    case 'pageUp':
      return { by: -Math.max(1, page) };
    case 'top':
      return { to: 0 };
    case 'bottom':
      return { to: Infinity };
    default:
      return null;
  }
}

/** Where `index` lands after the movement, within the list's `count` items (0 when it is empty). */
export function moveCursor(index: number, movement: Movement, count: number): number {
  const wanted = 'to' in movement ? movement.to : index + movement.by;
  return Math.max(0, Math.min(count - 1, wanted));
}

/**
 * A list that pages in as the user scrolls (jobs, files) asks for its next page when a command
 * moves past the last row loaded, or to the bottom.
 */
export function wantsMore(command: Command, index: number, count: number): boolean {
  return (command === 'down' && index >= count - 1) || command === 'bottom';
}

/** Where the cursor goes for a command, or null when the command is not a movement. */
export function cursorAfter(command: Command, index: number, count: number, page: number): number | null {
  const movement = movementFor(command, page);
  return movement ? moveCursor(index, movement, count) : null;
}

/**
 * The first row shown of a list with a cursor: the window moves only when the cursor would leave
 * it, and only as far as it must; it never shows empty rows below the end when it could show more
 * above. `index` is -1 for an empty list.
 */
export function followCursor(top: number, index: number, count: number, rows: number): number {
  const shown = Math.max(1, rows);
  let next = top;
  if (index >= 0 && index < next) next = index;
  if (index >= next + shown) next = index - shown + 1;
  return Math.max(0, Math.min(next, count - shown));
}

/** The first row shown of a short list that keeps its cursor in the middle (the profiles table). */
export function centreOnCursor(index: number, count: number, rows: number): number {
  const shown = Math.max(1, rows);
  return Math.max(0, Math.min(index - Math.floor(shown / 2), count - shown));
}

/** A view taller than its room, scrolled without a cursor: which rows show. */
export interface ScrollWindow {
  /** The first row shown. */
  top: number;
  /** How many rows of content show. */
  visible: number;
  /** The last row `top` can be. */
  maxTop: number;
  /** The content is taller than its room. */
  scrollable: boolean;
}

/**
 * The rows of `contentRows` that fit `room`, from `offset` (kept within bounds, so a view that grew
 * or a terminal that got taller never shows a gap). With `indicator`, a view that scrolls gives up
 * one row for the line that says where it is (see ScrollPosition).
 */
export function scrollWindow(contentRows: number, room: number, offset: number, indicator = true): ScrollWindow {
  const space = Math.max(1, room);
  const scrollable = contentRows > space;
  const visible = scrollable && indicator ? Math.max(1, space - 1) : space;
  const maxTop = Math.max(0, contentRows - visible);
  return { top: Math.max(0, Math.min(offset, maxTop)), visible, maxTop, scrollable };
}

/** The offset after a movement (a page being the rows shown), within 0..maxTop. */
export function scrollAfter(offset: number, movement: Movement, maxTop: number): number {
  const from = Math.min(offset, maxTop);
  const wanted = 'to' in movement ? movement.to : from + movement.by;
  return Math.max(0, Math.min(maxTop, wanted));
}
