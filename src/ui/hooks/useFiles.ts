import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BatchClient, FileObject } from '../../api/index.js';
import { FilesService, type FileHead, type FilesOptions, type FilesState } from '../../core/files.js';
import { useObservable } from './useObservable.js';

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

/** The selected file by id, and where it was, for when it leaves the list. */
interface Selection {
  id: string | null;
  index: number;
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
  const positions = useMemo(() => new Map(files.map((f, i) => [f.id, i])), [files]);
  const [selection, setSelection] = useState<Selection>(initial?.selection ?? { id: null, index: 0 });
  const index = resolveIndex(selection, files, positions);
  const selected = index >= 0 ? files[index]! : null;
  // Remember what is selected now (the first file before any key, the neighbour that took a
  // deleted file's place), so a file arriving on top moves the list, not the selection.
  const selectedId = selected?.id ?? null;
  useEffect(() => {
    if (selectedId !== null && (selectedId !== selection.id || index !== selection.index)) setSelection({ id: selectedId, index });
  }, [selectedId, index, selection]);

  // Keys can arrive faster than renders: each move starts from the newest selection and data.
  const latest = useRef({ files, positions });
  latest.current = { files, positions };
  const moveTo = useCallback((target: number | ((current: number) => number)) => {
    setSelection((previous) => {
      const { files: list, positions: map } = latest.current;
      if (list.length === 0) return previous;
      const wanted = typeof target === 'function' ? target(resolveIndex(previous, list, map)) : target;
      const next = Math.max(0, Math.min(list.length - 1, wanted));
      return { id: list[next]!.id, index: next };
    });
  }, []);
  const moveBy = useCallback((delta: number) => moveTo((current) => current + delta), [moveTo]);

  const rows = Math.max(1, visibleRows);
  const topRef = useRef(initial?.top ?? 0);
  let top = topRef.current;
  if (index >= 0 && index < top) top = index;
  if (index >= top + rows) top = index - rows + 1;
  top = Math.max(0, Math.min(top, files.length - rows));
  topRef.current = top;

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

function resolveIndex(selection: Selection, files: readonly FileObject[], positions: Map<string, number>): number {
  if (files.length === 0) return -1;
  const at = selection.id === null ? undefined : positions.get(selection.id);
  return at ?? Math.max(0, Math.min(files.length - 1, selection.index));
}

export type FileHeadState = { status: 'loading' } | { status: 'ready'; head: FileHead } | { status: 'failed'; error: unknown };

/**
 * The first lines of one file, read when the view opens and again on `retry`; the download is
 * stopped when the view closes.
 */
export function useFileHead(service: FilesService, fileId: string): { head: FileHeadState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [head, setHead] = useState<FileHeadState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setHead({ status: 'loading' });
    service.readHead(fileId, { signal: controller.signal }).then(
      (result) => {
        if (!controller.signal.aborted) setHead({ status: 'ready', head: result });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setHead({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [service, fileId, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { head, retry };
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
