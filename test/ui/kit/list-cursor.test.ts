import { describe, expect, it } from 'vitest';
import {
  centreOnCursor,
  cursorAfter,
  followCursor,
  movementFor,
  moveCursor,
  scrollAfter,
  scrollWindow,
  wantsMore,
} from '../../../src/ui/kit/listCursor.js';

describe('movementFor', () => {
  it('turns the movement keys into moves, a page being the rows shown', () => {
    expect(movementFor('down', 10)).toEqual({ by: 1 });
    expect(movementFor('up', 10)).toEqual({ by: -1 });
    expect(movementFor('pageDown', 10)).toEqual({ by: 10 });
    expect(movementFor('pageUp', 10)).toEqual({ by: -10 });
    expect(movementFor('top', 10)).toEqual({ to: 0 });
    expect(movementFor('bottom', 10)).toEqual({ to: Infinity });
  });

  it('moves a page of at least one row, and leaves other commands alone', () => {
    expect(movementFor('pageDown', 0)).toEqual({ by: 1 });
    expect(movementFor('open', 10)).toBeNull();
    expect(movementFor('back', 10)).toBeNull();
  });
});

describe('moveCursor', () => {
  it('stays within the list', () => {
    expect(moveCursor(0, { by: -1 }, 5)).toBe(0);
    expect(moveCursor(4, { by: 1 }, 5)).toBe(4);
    expect(moveCursor(2, { by: 10 }, 5)).toBe(4);
    expect(moveCursor(2, { by: -10 }, 5)).toBe(0);
    expect(moveCursor(2, { to: Infinity }, 5)).toBe(4);
    expect(moveCursor(2, { to: 0 }, 5)).toBe(0);
  });

  it('goes nowhere in an empty list', () => {
    expect(moveCursor(0, { by: 1 }, 0)).toBe(0);
    expect(moveCursor(0, { to: Infinity }, 0)).toBe(0);
  });

  it('answers a command with a place, or null when it is no movement', () => {
    expect(cursorAfter('pageDown', 3, 100, 20)).toBe(23);
    expect(cursorAfter('bottom', 3, 100, 20)).toBe(99);
    expect(cursorAfter('refresh', 3, 100, 20)).toBeNull();
  });
});

describe('followCursor', () => {
  it('keeps the window while the cursor is in it', () => {
    expect(followCursor(5, 5, 100, 10)).toBe(5);
    expect(followCursor(5, 14, 100, 10)).toBe(5);
  });

  it('moves only as far as the cursor needs', () => {
    expect(followCursor(5, 15, 100, 10)).toBe(6);
    expect(followCursor(5, 4, 100, 10)).toBe(4);
    expect(followCursor(0, 99, 100, 10)).toBe(90);
  });

  it('shows no empty rows below the end when there are rows above', () => {
    // The list shrank under the window: it slides up to end at the last row.
    expect(followCursor(8, 9, 12, 10)).toBe(2);
    expect(followCursor(3, 1, 5, 10)).toBe(0);
  });

  it('starts at the top for an empty list, and treats no room as one row', () => {
    expect(followCursor(4, -1, 0, 10)).toBe(0);
    expect(followCursor(0, 3, 10, 0)).toBe(3);
  });
});

describe('centreOnCursor', () => {
  it('keeps the cursor in the middle, within the list', () => {
    expect(centreOnCursor(10, 100, 5)).toBe(8);
    expect(centreOnCursor(1, 100, 5)).toBe(0);
    expect(centreOnCursor(99, 100, 5)).toBe(95);
    expect(centreOnCursor(2, 3, 5)).toBe(0);
  });
});

describe('scrollWindow', () => {
  it('shows everything, with no position line, when it fits', () => {
    expect(scrollWindow(5, 10, 3)).toEqual({ top: 0, visible: 10, maxTop: 0, scrollable: false });
  });

  it('gives a row to the position line when it scrolls', () => {
    expect(scrollWindow(30, 10, 4)).toEqual({ top: 4, visible: 9, maxTop: 21, scrollable: true });
  });

  it('uses the whole room when asked for no position line', () => {
    expect(scrollWindow(30, 10, 4, false)).toEqual({ top: 4, visible: 10, maxTop: 20, scrollable: true });
  });

  it('keeps an offset past the end within bounds (the terminal got taller)', () => {
    expect(scrollWindow(30, 10, 50).top).toBe(21);
    expect(scrollWindow(30, 0, 0).visible).toBe(1);
  });
});

describe('scrollAfter', () => {
  it('scrolls within 0..maxTop', () => {
    expect(scrollAfter(0, { by: -1 }, 20)).toBe(0);
    expect(scrollAfter(19, { by: 9 }, 20)).toBe(20);
    expect(scrollAfter(5, { to: Infinity }, 20)).toBe(20);
    expect(scrollAfter(5, { to: 0 }, 20)).toBe(0);
  });

  it('moves from where the view is, not from an offset past the end', () => {
    expect(scrollAfter(50, { by: -1 }, 20)).toBe(19);
  });
});

describe('wantsMore', () => {
  it('asks for the next page past the last row loaded, or at the bottom', () => {
    expect(wantsMore('down', 9, 10)).toBe(true);
    expect(wantsMore('down', 8, 10)).toBe(false);
    expect(wantsMore('bottom', 0, 10)).toBe(true);
    expect(wantsMore('up', 9, 10)).toBe(false);
  });
});
