import type { BatchClient } from '../../../api/index.js';

export type ContentClient = Pick<BatchClient, 'baseURL' | 'openContent'>;

export interface RemoteDocumentOptions {
  client: ContentClient;
  fileId: string;
  /** Default: defaultCacheDir() (FIZZ_CACHE_DIR, XDG, the platform's cache). */
  cacheDir?: string;
  /** The provider's folder in the cache; default hostKeyOf(client.baseURL). */
  hostKey?: string;
  /** For titles; default the file id. */
  name?: string;
  /** A download with no byte for this long fails (and can be retried). Default: the client's 30 s. */
  idleTimeoutMs?: number;
  /** A download with no byte for this long says so (state.stalledMs) and retry() restarts it. Default 10 s. */
  stallNoticeMs?: number;
  /** Size budget of the cache, applied after a download completes (default 2 GiB). */
  cacheBudgetBytes?: number;
  /** The file's size as its file object states it (`bytes`), when the caller has the object. */
  declaredBytes?: number | null;
  /** A download of no declared size stops after this many bytes (default: the client's, 2 GiB). */
  undeclaredLimitBytes?: number;
}

/** After this long without a byte a download is called stalled: a third of the client's idle timeout. */
export const STALL_NOTICE_MS = 10_000;

export function budgetOf(options: RemoteDocumentOptions): { budgetBytes?: number } {
  return options.cacheBudgetBytes !== undefined ? { budgetBytes: options.cacheBudgetBytes } : {};
}
