import type { BatchClient, FileObject } from '../../api/index.js';

// What the files screen shows and asks of FilesService (service.ts).

export interface FilesState {
  /** Every file loaded so far, in the server's order (newest first). */
  files: readonly FileObject[];
  /** The list has been read at least once: `files` is the server's answer, not a placeholder. */
  loaded: boolean;
  /** A (re)load of the list is in flight. */
  loading: boolean;
  /** Why the last (re)load failed; the files already shown stay (stale, not gone). */
  error: unknown;
  /** False once the server said there is no more, or paging had to stop. */
  hasMore: boolean;
  loadingMore: boolean;
  /** Why the last "load more" failed; cleared by the next success or a refresh. */
  loadMoreError: unknown;
  /** When the list was last read (ms). */
  updatedAt: number | null;
}

export interface FilesOptions {
  client: BatchClient;
  /** Files per request. OpenAI's default is 10,000, so one is always sent. */
  pageSize?: number;
  /** A refresh re-reads as many pages as were loaded, but never more than this. */
  maxRefreshPages?: number;
}

export type DeleteResult = { ok: true; alreadyGone: boolean } | { ok: false; error: unknown };

export interface BatchFromFile {
  endpoint: string;
  completionWindow: string;
  /** Stored as `metadata.description`; blank means none. */
  description?: string;
}
