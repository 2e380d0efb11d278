import {
  isApiError,
  normalizeEndpoint,
  type Batch,
  type BatchClient,
  type FileObject,
  type Pager,
} from '../../api/index.js';
import { BATCH_ENDPOINTS, batchMetadata, metadataProblem } from '../batch-options.js';
import { readHead, type FileHead, type HeadLimits } from './head.js';
import { Observable } from '../observable.js';
import type { BatchFromFile, DeleteResult, FilesOptions, FilesState } from './state.js';

export const DEFAULT_FILES_PAGE_SIZE = 100;

/**
 * Uploaded files (the files screen), outside React. Pages come in only as the user scrolls, never
 * all up front; a refresh happens on demand (files do not change by themselves often enough to
 * poll) and re-reads the pages already shown, so a file deleted elsewhere disappears.
 */
export class FilesService extends Observable<FilesState> {
  private readonly client: BatchClient;
  private readonly pageSize: number;
  private readonly maxRefreshPages: number;
  /** Made by each refresh; "load more" continues it. */
  private pager: Pager<FileObject> | null = null;
  /** Each refresh starts a new generation; answers of an older one are dropped. */
  private generation = 0;
  private controller: AbortController | null = null;
  private disposed = false;

  constructor(options: FilesOptions) {
    super({
      files: [],
      loaded: false,
      loading: false,
      error: null,
      hasMore: true,
      loadingMore: false,
      loadMoreError: null,
      updatedAt: null,
    });
    this.client = options.client;
    this.pageSize = options.pageSize ?? DEFAULT_FILES_PAGE_SIZE;
    this.maxRefreshPages = options.maxRefreshPages ?? 20;
  }

  /** (Re)reads the list: as many files as are shown now (at least one page), newest first. */
  async refresh(): Promise<void> {
    if (this.disposed) return;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const generation = ++this.generation;
    const wanted = Math.max(this.pageSize, this.getState().files.length);
    // A "load more" of the old generation is superseded: its answer will be dropped.
    this.setState({ loading: true, loadingMore: false });
    const pager = this.newPager(controller.signal);
    try {
      const files: FileObject[] = [];
      for (let pages = 0; files.length < wanted && !pager.done && pages < this.maxRefreshPages; pages++) {
        files.push(...((await pager.next()) ?? []));
      }
      if (generation !== this.generation) return;
      this.pager = pager;
      this.setState({
        files,
        loaded: true,
        loading: false,
        error: null,
        hasMore: !pager.done,
        loadMoreError: null,
        updatedAt: Date.now(),
      });
    } catch (error) {
      if (generation !== this.generation) return;
      this.setState({ loading: false, error });
    }
  }

  /** Loads the next page; does nothing before the first load, during a refresh, or at the end. */
  async loadMore(): Promise<void> {
    const state = this.getState();
    if (this.disposed || !state.loaded || state.loading || state.loadingMore || !state.hasMore) return;
    const generation = this.generation;
    this.setState({ loadingMore: true });
    try {
      const pager = this.continuedPager();
      const fresh = (await pager.next()) ?? [];
      if (generation !== this.generation) return;
      const files = this.getState().files;
      const known = new Set(files.map((f) => f.id));
      this.setState({
        files: [...files, ...fresh.filter((f) => !known.has(f.id))],
        hasMore: !pager.done,
        loadingMore: false,
        loadMoreError: null,
      });
    } catch (error) {
      if (generation !== this.generation) return;
      this.setState({ loadingMore: false, loadMoreError: error });
    }
  }

  /**
   * Deletes a file and takes it off the list. A 404 means it is gone already (deleted elsewhere,
   * or by a retry of this very request): that is reported, not treated as a failure.
   */
  async delete(id: string): Promise<DeleteResult> {
    try {
      const answer = await this.client.deleteFile(id);
      if (!answer.deleted) return { ok: false, error: new Error(`The server did not delete ${id}.`) };
      this.remove(id);
      return { ok: true, alreadyGone: false };
    } catch (error) {
      if (isApiError(error) && error.kind === 'not_found') {
        this.remove(id);
        return { ok: true, alreadyGone: true };
      }
      return { ok: false, error };
    }
  }

  /**
   * Starts a batch on a file uploaded before (no upload). Sent once: the client does not retry a
   * create, since a retry after a lost answer could start (and bill) the same batch twice.
   */
  async createBatchFromFile(
    file: Pick<FileObject, 'id' | 'purpose' | 'filename'>,
    options: BatchFromFile,
  ): Promise<Batch> {
    if (file.purpose !== 'batch') {
      throw new Error(
        `Only files with purpose batch can start a batch; ${file.filename || file.id} has purpose ${file.purpose || 'unknown'}.`,
      );
    }
    // Refused, never cut short: a description that does not fit is the user's to shorten.
    const metadata = batchMetadata(options.description);
    const problem = metadataProblem(metadata);
    if (problem) throw new Error(problem);
    return this.client.createBatch({
      inputFileId: file.id,
      endpoint: options.endpoint,
      completionWindow: options.completionWindow,
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    });
  }

  /** The first lines of a file's content (see readHead); the download stops at the limits. */
  async readHead(fileId: string, limits: HeadLimits & { signal?: AbortSignal } = {}): Promise<FileHead> {
    const { signal, ...rest } = limits;
    const stream = await this.client.openContentStream(fileId, signal ? { signal } : {});
    return readHead(stream, rest);
  }

  /**
   * The endpoint the file's first request names (its `url`), when it is one the form offers; null
   * when it cannot be told. Reads at most 64 KB.
   */
  async detectEndpoint(fileId: string, signal?: AbortSignal): Promise<string | null> {
    const head = await this.readHead(fileId, {
      maxLines: 1,
      maxBytes: 64 * 1024,
      maxLineChars: 64 * 1024,
      ...(signal ? { signal } : {}),
    });
    const first = head.lines.find((line) => line.trim() !== '');
    if (!first) return null;
    try {
      const url: unknown = (JSON.parse(first) as { url?: unknown }).url;
      if (typeof url !== 'string') return null;
      const endpoint = normalizeEndpoint(url);
      return BATCH_ENDPOINTS.includes(endpoint) ? endpoint : null;
    } catch {
      return null;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.generation += 1;
    this.controller?.abort();
    this.clearListeners();
  }

  private newPager(signal: AbortSignal, after?: string): Pager<FileObject> {
    return this.client.filePager({ limit: this.pageSize, order: 'desc', signal, ...(after ? { after } : {}) });
  }

  private remove(id: string): void {
    const files = this.getState().files;
    if (files.some((f) => f.id === id)) this.setState({ files: files.filter((f) => f.id !== id) });
  }

  /**
   * The pager continues after the last file it returned; if that file was deleted here, the
   * server would refuse the cursor (OpenAI answers 400 for an unknown `after`), so continue after
   * the last file still listed.
   */
  private continuedPager(): Pager<FileObject> {
    const files = this.getState().files;
    const cursor = this.pager?.cursor;
    if (!this.pager || (cursor !== undefined && !files.some((f) => f.id === cursor))) {
      this.pager = this.newPager(this.controller?.signal ?? new AbortController().signal, files.at(-1)?.id);
    }
    return this.pager;
  }
}
