import { useEffect, useState } from 'react';
import type { FileObject } from '../../../api/index.js';
import type { FilesService } from '../../../core/files/service.js';
import type { FilesState } from '../../../core/files/state.js';
import { useObservable } from '../../kit/useObservable.js';
import { useSelectionById, type Selection } from '../../kit/useSelectionById.js';
import { memoryKey, useScreenMemory } from '../../state/screen-memory.js';
import type { Movement } from '../../kit/listCursor.js';

/** Selection and scroll position, on the screen's route entry: coming back finds the same file selected. */
const filesPosition = memoryKey<{ selection: Selection; top: number }>('files position');

export interface FilesView {
  state: FilesState;
  files: readonly FileObject[];
  /** Index of the selected file, or -1 when there are none. */
  index: number;
  selected: FileObject | null;
  /** First row on screen. */
  top: number;
  /** Moves the selection (a movement key, see listCursor). */
  move: (movement: Movement) => void;
}

/**
 * The files list as the screen shows it: read (again) when the screen opens, the selection kept
 * by file id across refreshes and deletes, a scroll window that moves only when it must, and the
 * next page asked for once the selection is within a screenful of the end of what is loaded.
 */
export function useFiles(service: FilesService, visibleRows: number): FilesView {
  const state = useObservable(service);
  const files = state.files;
  useEffect(() => {
    void service.refresh();
  }, [service]);

  const memory = useScreenMemory();
  const [initial] = useState(() => memory.get(filesPosition));
  const { index, selected, selection, top, move } = useSelectionById(files, visibleRows, initial);
  const rows = Math.max(1, visibleRows);

  useEffect(() => {
    memory.set(filesPosition, { selection, top });
  }, [memory, selection, top]);

  const { loaded, loading, hasMore, loadingMore, loadMoreError } = state;
  const total = files.length;
  useEffect(() => {
    if (!loaded || loading || !hasMore || loadingMore || loadMoreError) return;
    if (index >= 0 && index >= total - rows) void service.loadMore();
  }, [service, loaded, loading, hasMore, loadingMore, loadMoreError, index, total, rows]);

  return { state, files, index, selected, top, move };
}

/**
 * The endpoint a batch file's first request names (undefined while looking, null when it cannot
 * be told), for the batch form to start on. Looked up once per file; stopped when the form closes.
 */
export function useDetectedEndpoint(service: FilesService, fileId: string): string | null | undefined {
  const [endpoint, setEndpoint] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    setEndpoint(undefined);
    service.detectEndpoint(fileId, controller.signal).then(
      (found) => {
        if (!controller.signal.aborted) setEndpoint(found);
      },
      () => {
        // Not knowing is fine: the form starts on the default endpoint.
        if (!controller.signal.aborted) setEndpoint(null);
      },
    );
    return () => controller.abort();
  }, [service, fileId]);
  return endpoint;
}
