import { useEffect, useState } from 'react';
import type { BatchClient, FileObject } from '../../../api/index.js';
import { FilesService, type FilesOptions, type FilesState } from '../../../core/files.js';
import { useObservable } from '../../kit/useObservable.js';
import { useSelectionById, type Selection } from '../../kit/useSelectionById.js';

/**
 * One files service per connection, kept while the client lives: leaving the screen (for a new
 * job's detail, help) and coming back finds the pages already loaded. It holds no timer, so an
 * unused one costs nothing; a new connection has a new client and so a new service.
 */
const servicesByClient = new WeakMap<BatchClient, FilesService>();

export function filesServiceFor(client: BatchClient, options: Omit<FilesOptions, 'client'> = {}): FilesService {
  let service = servicesByClient.get(client);
  if (!service) {
    service = new FilesService({ client, ...options });
    servicesByClient.set(client, service);
  }
  return service;
}

/** Selection and scroll position, kept per service so coming back finds the same file selected. */
const remembered = new WeakMap<FilesService, { selection: Selection; top: number }>();

export interface FilesView {
  state: FilesState;
  files: readonly FileObject[];
  /** Index of the selected file, or -1 when there are none. */
  index: number;
  selected: FileObject | null;
  /** First row on screen. */
  top: number;
  moveBy: (delta: number) => void;
  /** Selects by index; Infinity means the last one. */
  moveTo: (index: number) => void;
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

  const [initial] = useState(() => remembered.get(service));
  const { index, selected, selection, top, moveBy, moveTo } = useSelectionById(files, visibleRows, initial);
  const rows = Math.max(1, visibleRows);

  useEffect(() => {
    remembered.set(service, { selection, top });
  }, [service, selection, top]);

  const { loaded, loading, hasMore, loadingMore, loadMoreError } = state;
  const total = files.length;
  useEffect(() => {
    if (!loaded || loading || !hasMore || loadingMore || loadMoreError) return;
    if (index >= 0 && index >= total - rows) void service.loadMore();
  }, [service, loaded, loading, hasMore, loadingMore, loadMoreError, index, total, rows]);

  return { state, files, index, selected, top, moveBy, moveTo };
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
