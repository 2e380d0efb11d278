import { rename, rm, statfs, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { ApiError, fileError } from '../../../api/index.js';
import { formatBytes } from '../../validate/index.js';
import { pruneCache, writePartialDownload, type CacheEntry, type PartialDownload } from '../cache.js';
import { FileDocument } from '../local-document.js';
import { budgetOf, type RemoteDocumentOptions } from './options.js';

/**
 * The cache side of a download (see document.ts): the `.part` file, the record saved beside it of
 * how many of its bytes are good, and the rename that publishes the complete copy. What a later
 * open may continue is decided here; the network side lives in RemoteDocument.
 */
export abstract class DownloadPart extends FileDocument {
  protected readonly fileId: string;
  protected readonly entry: CacheEntry;
  protected readonly cacheDir: string;
  protected readonly cacheBudget: { budgetBytes?: number };
  /** Bytes of the `.part` file that are good (for a cached copy: unused). */
  protected written: number;
  /** What the server said about the content (before its first answer: what a previous session saved). */
  protected record: PartialDownload | null;
  protected lastSaveAt = 0;
  protected saving: Promise<void> = Promise.resolve();
  /** The `.part` holds another version than the server's: never continue it. */
  protected stale = false;
  /** The server sent more than it declared (or than the ceiling): the bytes are not kept, and not asked for again. */
  protected refused = false;

  protected constructor(
    options: RemoteDocumentOptions,
    cacheDir: string,
    entry: CacheEntry,
    handle: FileHandle,
    from: { cachedBytes: number } | { previous: PartialDownload | null; written: number },
  ) {
    const fromCache = 'cachedBytes' in from;
    super(options.name ?? options.fileId, fromCache ? entry.complete : entry.part, handle, {
      origin: fromCache ? 'cache' : 'network',
      totalBytes: fromCache ? from.cachedBytes : (from.previous?.totalBytes ?? null),
    });
    this.fileId = options.fileId;
    this.entry = entry;
    this.cacheDir = cacheDir;
    this.cacheBudget = budgetOf(options);
    this.record = fromCache ? null : from.previous;
    this.written = fromCache ? 0 : from.written;
  }

  /**
   * A declared size the cache's disk cannot hold is refused before a byte is written, instead of
   * filling the disk and failing at the end. (With no declared size the ceiling bounds it.)
   */
  protected async ensureRoom(needed: number, stream: Readable): Promise<void> {
    if (needed <= 0) return;
    const dir = dirname(this.entry.part);
    // Not every file system reports its free space: then the write itself is the check.
    const disk = await statfs(dir).catch(() => null);
    const free = disk ? disk.bavail * disk.bsize : Infinity;
    if (needed <= free) return;
    stream.destroy();
    throw new ApiError({
      kind: 'bad_request',
      code: 'ENOSPC',
      message: `Not downloading ${this.fileId}: ${formatBytes(needed)} more are declared, and the cache (${dir}) has ${formatBytes(free)} free. Free some space (r tries again), or set FIZZ_CACHE_DIR to a disk with room.`,
    });
  }

  /** Bytes of an earlier session the server agreed to continue: index them from disk. */
  protected async adoptPart(): Promise<void> {
    if (this.index.bytes >= this.written) return;
    const reused = this.written;
    await this.indexFromDisk(reused, () => this.closed);
    if (this.closed) throw this.cancelled();
    this.publish({ resumedFrom: reused });
  }

  protected async discardPart(): Promise<void> {
    try {
      await this.handle.truncate(0);
      await rm(this.entry.meta, { force: true });
    } catch (e) {
      throw fileError(e, this.entry.part, 'reset the cache file');
    }
    this.written = 0;
    this.record = null;
  }

  /** All bytes are there: make them durable, then publish the complete copy by a rename. */
  protected async finish(): Promise<void> {
    try {
      await this.handle.sync();
      await this.saving;
      await rename(this.entry.part, this.entry.complete);
    } catch (e) {
      throw fileError(e, this.entry.part, 'keep the downloaded file');
    }
    this.setPath(this.entry.complete);
    await rm(this.entry.meta, { force: true }).catch(() => undefined);
    this.index.end();
    this.publish({ complete: true, totalBytes: this.index.bytes }, true);
    void pruneCache(this.cacheDir, this.cacheBudget).catch(() => undefined);
  }

  /**
   * The server sent more than it declared: what arrived is removed from the cache at once (the
   * open handle keeps the lines on screen readable until the pager closes, then the space is free).
   */
  protected async refuse(): Promise<void> {
    this.refused = true;
    await this.removePart();
  }

  /**
   * A later open can continue these bytes: the server serves ranges and declared the file's size,
   * and they are not more than it. Anything else would be downloaded again from the start anyway.
   */
  protected resumable(): boolean {
    const record = this.record;
    if (this.stale || this.refused || !record || this.written === 0) return false;
    return record.acceptRanges && record.totalBytes !== null && this.written <= record.totalBytes;
  }

  protected async removePart(): Promise<void> {
    await this.saving;
    await Promise.all([rm(this.entry.part, { force: true }), rm(this.entry.meta, { force: true })]).catch(
      () => undefined,
    );
  }

  /** Stopped before the end: what arrived stays, with a record of how much, for the next open. */
  protected async keepPart(): Promise<void> {
    if (this.stale) {
      // Without its record the next open starts over. The bytes stay: they are on screen.
      await this.saving;
      await rm(this.entry.meta, { force: true }).catch(() => undefined);
      return;
    }
    if (this.written === 0) return;
    await this.handle.sync().catch(() => undefined);
    await this.saveProgress().catch(() => undefined);
  }

  protected saveProgress(): Promise<void> {
    if (!this.record) return this.saving;
    const record: PartialDownload = { ...this.record, bytes: this.written, updatedAt: Date.now() };
    this.lastSaveAt = Date.now();
    // One save at a time, in order; a failed save only costs a restart next time.
    this.saving = this.saving.then(() => writePartialDownload(this.entry.meta, record)).catch(() => undefined);
    return this.saving;
  }

  protected cancelled(): ApiError {
    return new ApiError({ kind: 'cancelled', message: `Reading ${this.fileId} was cancelled.` });
  }

  protected changedOnServer(): ApiError {
    this.stale = true;
    return new ApiError({
      kind: 'invalid_response',
      message: `The content of ${this.fileId} changed on the server during the download. Open it again to start over.`,
    });
  }
}
