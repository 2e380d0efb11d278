import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { ApiError, fileError, isApiError, OVERSIZE_CODE, toApiError, type ContentStream } from '../../../api/index.js';
import {
  cacheEntry,
  holdCacheFile,
  pruneCache,
  releaseCacheFile,
  touchCacheFile,
  type CacheEntry,
  type PartialDownload,
} from '../cache.js';
import { defaultCacheDir, ensureFilesDir, hostKeyOf } from '../cache-dir.js';
import { chunkBatches } from '../stream-batches.js';
import { budgetOf, STALL_NOTICE_MS, type ContentClient, type RemoteDocumentOptions } from './options.js';
import { DownloadPart } from './part.js';
import { continuablePart, writeAllAt } from './part-io.js';
import { StallWatch } from './stall-watch.js';

/**
 * A file of the API (an output or error file) as a LineDocument. A complete cached copy is read
 * like a local file. Otherwise the content is downloaded into `<id>.jsonl.part`, each chunk
 * written and then indexed, so the first lines are readable as soon as they arrive; the `.part` is
 * renamed to `<id>.jsonl` only once every byte is there. An interrupted download (lost connection,
 * stalled server, the app closed) keeps its `.part`: the next open continues it with a Range
 * request when the server serves one, and starts over when it sends the whole file instead.
 * Only a `.part` that can be continued outlives its document: closed before the end, a download
 * from a server that serves no ranges or declared no size, or one stopped for sending more than it
 * declared (see openContent), leaves nothing in the cache.
 */

/** Progress of a download is saved this often, so a crash loses little. */
const SAVE_PROGRESS_MS = 1000;

type Transfer = 'done' | 'restart';

// One document per cached file in this process, registered as soon as its open starts: a second
// open, even a concurrent one, shares the first (two downloads into one `.part` would corrupt it).
const documents = new Map<string, Promise<RemoteDocument>>();

/** What may wait between the network and the cache's disk: the network goes on while a write runs. */
const READ_AHEAD_BYTES = 4 * 1024 * 1024;

export class RemoteDocument extends DownloadPart {
  private readonly client: ContentClient;
  private readonly idleTimeoutMs: number | undefined;
  private loading: Promise<void> | null = null;
  private controller: AbortController | null = null;
  private refs = 1;
  private closing: Promise<void> | null = null;
  private registration: Promise<RemoteDocument> | null = null;
  private readonly declaredBytes: number | null;
  private readonly undeclaredLimitBytes: number | undefined;
  private readonly stall: StallWatch;
  /** retry() on a stalled download is stopping it to ask again: that stop is not a failure. */
  private restarting = false;

  private constructor(
    options: RemoteDocumentOptions,
    cacheDir: string,
    entry: CacheEntry,
    handle: FileHandle,
    from: { cachedBytes: number } | { previous: PartialDownload | null; written: number },
  ) {
    super(options, cacheDir, entry, handle, from);
    this.client = options.client;
    this.idleTimeoutMs = options.idleTimeoutMs;
    // A size from a server is a claim: only a whole, positive count is one (some providers list
    // every file as 0 bytes; the response's own Content-Length, or the ceiling, bounds those).
    const declared = options.declaredBytes;
    this.declaredBytes =
      typeof declared === 'number' && Number.isSafeInteger(declared) && declared > 0 ? declared : null;
    this.undeclaredLimitBytes = options.undeclaredLimitBytes;
    this.stall = new StallWatch(options.stallNoticeMs ?? STALL_NOTICE_MS, (stalledMs) => {
      if ((this.getState().stalledMs ?? null) !== stalledMs) this.publish({ stalledMs }, true);
    });
  }

  /** See openRemoteDocument. */
  static async open(options: RemoteDocumentOptions): Promise<RemoteDocument> {
    const cacheDir = options.cacheDir ?? defaultCacheDir();
    const dir = await ensureFilesDir(cacheDir, options.hostKey ?? hostKeyOf(options.client.baseURL));
    const entry = cacheEntry(dir, options.fileId);
    for (let registered = documents.get(entry.complete); registered; registered = documents.get(entry.complete)) {
      const shared = await registered.catch(() => null);
      if (shared && !shared.closing) {
        shared.refs += 1;
        return shared;
      }
      await shared?.closing;
      if (documents.get(entry.complete) === registered) documents.delete(entry.complete);
    }
    const opening = RemoteDocument.create(options, cacheDir, entry);
    documents.set(entry.complete, opening);
    try {
      const doc = await opening;
      doc.registration = opening;
      return doc;
    } catch (e) {
      if (documents.get(entry.complete) === opening) documents.delete(entry.complete);
      throw e;
    }
  }

  private static async create(
    options: RemoteDocumentOptions,
    cacheDir: string,
    entry: CacheEntry,
  ): Promise<RemoteDocument> {
    const cached = await open(entry.complete, 'r').catch(() => null);
    let doc: RemoteDocument;
    if (cached) {
      await touchCacheFile(entry.complete).catch(() => undefined);
      const { size } = await cached.stat();
      doc = new RemoteDocument(options, cacheDir, entry, cached, { cachedBytes: size });
      doc.loading = doc.indexToEnd();
    } else {
      let handle: FileHandle;
      try {
        // Read and write at chosen offsets, created if missing, never truncated by opening.
        handle = await open(entry.part, constants.O_RDWR | constants.O_CREAT, 0o600);
      } catch (e) {
        throw fileError(e, entry.part, 'create the cache file');
      }
      doc = new RemoteDocument(options, cacheDir, entry, handle, await continuablePart(handle, entry, options.fileId));
      doc.startDownload();
    }
    for (const path of Object.values(entry)) holdCacheFile(path);
    void pruneCache(cacheDir, budgetOf(options)).catch(() => undefined);
    return doc;
  }

  /**
   * After a failed download: continue from the bytes already on disk. Does nothing otherwise, nor
   * when the file changed on the server (the lines shown are of the old version: open it again).
   */
  retry(): void {
    if (this.closed || this.stale || this.refused || this.getState().complete || this.getState().origin === 'cache')
      return;
    if (this.loading) {
      // Data flowing is left alone; a stalled request is dropped and asked again from the bytes
      // already here (Range), instead of waiting for the idle timeout to give up on it.
      if (!this.getState().stalledMs || this.restarting) return;
      this.restarting = true;
      const stopping = this.loading;
      this.controller?.abort();
      void stopping.then(() => {
        this.restarting = false;
        if (this.closed || this.getState().complete) return;
        this.publish({ error: null, stalledMs: null }, true);
        this.startDownload();
      });
      return;
    }
    this.publish({ error: null }, true);
    this.startDownload();
  }

  /** Each open of the same file shares this document; the last close really closes it. */
  override async close(): Promise<void> {
    if (this.refs > 1) {
      this.refs -= 1;
      return;
    }
    this.refs = 0;
    this.closing ??= (async () => {
      await super.close();
      // Closed before the end (the user left the pager): keep only what a later open can continue.
      if (this.getState().origin === 'network' && !this.getState().complete && !this.resumable())
        await this.removePart();
      for (const path of Object.values(this.entry)) releaseCacheFile(path);
      if (documents.get(this.entry.complete) === this.registration) documents.delete(this.entry.complete);
    })();
    await this.closing;
  }

  protected async stopLoading(): Promise<void> {
    this.controller?.abort();
    await this.loading;
  }

  private startDownload(): void {
    this.stall.start();
    this.loading = this.runDownload().finally(() => {
      this.loading = null;
      this.stall.stop();
    });
  }

  private async runDownload(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    try {
      let transfer = await this.transfer(controller.signal);
      // The server would not continue the partial file and nothing of it is shown: start over, once.
      if (transfer === 'restart') {
        await this.discardPart();
        transfer = await this.transfer(controller.signal);
      }
      if (transfer === 'restart')
        throw new ApiError({
          kind: 'invalid_response',
          message: `The server kept refusing to send ${this.fileId} from the start.`,
        });
      await this.finish();
    } catch (e) {
      if (isApiError(e) && e.code === OVERSIZE_CODE) await this.refuse();
      else await this.keepPart();
      if (!this.closed && !this.restarting)
        this.publish(
          {
            error: toApiError(e, {
              baseURL: this.client.baseURL,
              method: 'get',
              path: `/files/${this.fileId}/content`,
            }),
            ...(this.refused ? { retryable: false } : {}),
          },
          true,
        );
    } finally {
      this.controller = null;
    }
  }

  /** One request: the rest of the file (or all of it) appended to the `.part` and indexed. */
  private async transfer(signal: AbortSignal): Promise<Transfer> {
    const have = this.written;
    // Every byte arrived before, only the rename was missing.
    if (have > 0 && have === this.record?.totalBytes) {
      await this.adoptPart();
      return 'done';
    }
    // If-Range takes a strong validator only; a weak ETag would always get the whole file.
    const etag = this.record?.etag;
    const validator = etag && !etag.startsWith('W/') ? etag : (this.record?.lastModified ?? null);
    let answer: ContentStream;
    try {
      answer = await this.client.openContent(this.fileId, {
        signal,
        ...(this.idleTimeoutMs !== undefined ? { idleTimeoutMs: this.idleTimeoutMs } : {}),
        ...(this.declaredBytes !== null ? { declaredBytes: this.declaredBytes } : {}),
        ...(this.undeclaredLimitBytes !== undefined ? { undeclaredLimitBytes: this.undeclaredLimitBytes } : {}),
        ...(have > 0 ? { start: have, ...(validator ? { ifRange: validator } : {}) } : {}),
      });
    } catch (e) {
      // 416: the file on the server is not the one the `.part` began.
      if (have > 0 && isApiError(e) && e.status === 416 && this.index.bytes === 0) return 'restart';
      throw e;
    }
    if (signal.aborted) {
      answer.stream.destroy();
      throw this.cancelled();
    }
    const total = answer.totalBytes;
    let verify = 0;
    if (have > 0 && answer.partial) {
      const knownTotal = this.record?.totalBytes ?? null;
      if (knownTotal !== null && total !== null && knownTotal !== total) {
        answer.stream.destroy();
        if (this.index.bytes === 0) return 'restart';
        throw this.changedOnServer();
      }
      await this.adoptPart();
    } else if (have > 0) {
      // The whole file instead of the rest. Nothing shown yet: start over. Lines already shown
      // must stay valid: the bytes are compared with the ones on disk instead of written again.
      if (this.index.bytes === 0) await this.discardPart();
      else verify = have;
    }
    await this.ensureRoom((this.declaredBytes ?? total ?? this.written) - this.written, answer.stream);
    this.record = {
      fileId: this.fileId,
      bytes: this.written,
      totalBytes: total,
      etag: answer.etag,
      lastModified: answer.lastModified,
      acceptRanges: answer.acceptRanges,
      updatedAt: Date.now(),
    };
    this.publish({ totalBytes: total });
    await this.saveProgress();

    let position = 0;
    for await (const batch of chunkBatches(answer.stream, READ_AHEAD_BYTES)) {
      if (signal.aborted) throw this.cancelled();
      const fresh: Buffer[] = [];
      for (let chunk of batch) {
        if (verify > position) {
          const same = Math.min(chunk.length, verify - position);
          const onDisk = await this.readBytes(position, same);
          if (!onDisk.equals(chunk.subarray(0, same))) throw this.changedOnServer();
          position += same;
          chunk = chunk.subarray(same);
        }
        if (chunk.length > 0) fresh.push(chunk);
      }
      if (fresh.length > 0) await this.append(fresh);
      if (Date.now() - this.lastSaveAt >= SAVE_PROGRESS_MS) await this.saveProgress();
    }
    if (position < verify) throw this.changedOnServer();
    // A size that differs from the announced one is never published as the file.
    if (total !== null && this.written !== total) {
      throw new ApiError({
        kind: 'unreachable',
        message: `The download of ${this.fileId} stopped after ${this.written} of ${total} bytes.`,
      });
    }
    return 'done';
  }

  /** Write, then index: the index only ever points at bytes that are on disk. */
  private async append(chunks: Buffer[]): Promise<void> {
    const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    try {
      await writeAllAt(this.handle, chunks, this.written);
    } catch (e) {
      throw fileError(e, this.entry.part, 'write the cache file');
    }
    this.written += size;
    for (const chunk of chunks) this.index.push(chunk);
    this.stall.arrived();
    this.publish(this.getState().stalledMs ? { stalledMs: null } : {}, this.getState().stalledMs ? true : false);
  }
}

/**
 * The content of `fileId` as a LineDocument, from the cache when a complete copy is there (state
 * origin 'cache'), else downloaded (origin 'network') and readable while it arrives. Resolves as
 * soon as the cache is checked; download failures go to state.error and `retry()` continues.
 * Rejects only when the cache directory or file cannot be created. Opening a file that is open
 * already shares that document: call close() once per open.
 */
export function openRemoteDocument(options: RemoteDocumentOptions): Promise<RemoteDocument> {
  return RemoteDocument.open(options);
}
