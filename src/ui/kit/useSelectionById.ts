import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { followCursor, moveCursor, type Movement } from './listCursor.js';

/** The selected item by id, and where it was, for when it leaves the list. */
export interface Selection {
  id: string | null;
  index: number;
}

export interface SelectionView<T> {
  /** Index of the selected item, or -1 when the list is empty. */
  index: number;
  selected: T | null;
  selection: Selection;
  /** First row on screen. */
  top: number;
  /** Moves the selection (a movement key, see listCursor). */
  move: (movement: Movement) => void;
}

/**
 * A selection kept by id across refreshes (an item arriving on top moves the list, not the
 * selection; a vanished item's neighbour takes its place) and a scroll window that moves only
 * when the selection would leave it. Shared by every list that refreshes under the user.
 */
export function useSelectionById<T extends { id: string }>(
  items: readonly T[],
  visibleRows: number,
  initial?: { selection: Selection; top: number },
): SelectionView<T> {
  const positions = useMemo(() => new Map(items.map((item, i) => [item.id, i])), [items]);
  const [selection, setSelection] = useState<Selection>(initial?.selection ?? { id: null, index: 0 });
  const index = resolveIndex(selection, items, positions);
  const selected = index >= 0 ? items[index]! : null;
  // Remember what is selected now (the first item before any key, the neighbour that took a
  // vanished item's place).
  const selectedId = selected?.id ?? null;
  useEffect(() => {
    if (selectedId !== null && (selectedId !== selection.id || index !== selection.index))
      setSelection({ id: selectedId, index });
  }, [selectedId, index, selection]);

  // Key presses can arrive faster than renders: each move starts from the newest selection and data.
  const latest = useRef({ items, positions });
  latest.current = { items, positions };
  const move = useCallback((movement: Movement) => {
    setSelection((previous) => {
      const { items: list, positions: map } = latest.current;
      if (list.length === 0) return previous;
      const next = moveCursor(resolveIndex(previous, list, map), movement, list.length);
      return { id: list[next]!.id, index: next };
    });
  }, []);

  const topRef = useRef(initial?.top ?? 0);
  const top = followCursor(topRef.current, index, items.length, visibleRows);
  topRef.current = top;

  return { index, selected, selection, top, move };
}

/** Where the selected item is now; if it left the list, the same place, within bounds. */
function resolveIndex(selection: Selection, items: readonly { id: string }[], positions: Map<string, number>): number {
  if (items.length === 0) return -1;
  const at = selection.id === null ? undefined : positions.get(selection.id);
  return at ?? Math.max(0, Math.min(items.length - 1, selection.index));
}
