import type { FileHandle } from 'node:fs/promises';
import { fileError } from '../../../api/index.js';
import { readPartialDownload, type CacheEntry, type PartialDownload } from '../cache.js';

/**
 * The `.part` bytes worth continuing: as many as its record vouches for (bytes past that may not
 * have been written whole), none without a record.
 */
export async function continuablePart(
  handle: FileHandle,
  entry: CacheEntry,
  fileId: string,
): Promise<{ previous: PartialDownload | null; written: number }> {
  try {
    const { size } = await handle.stat();
    const previous = await readPartialDownload(entry.meta, fileId);
    const written = previous ? Math.min(previous.bytes, size) : 0;
    if (written !== size) await handle.truncate(written);
    return { previous: written > 0 ? previous : null, written };
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw fileError(e, entry.part, 'read the cache file');
  }
}

/** Writes every byte of `chunks` at `position`, in one writev call when the disk takes them all at once. */
export async function writeAllAt(handle: FileHandle, chunks: Buffer[], position: number): Promise<void> {
  let rest = chunks;
  let at = position;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest, at);
    at += bytesWritten;
    let skip = bytesWritten;
    const left: Buffer[] = [];
    for (const chunk of rest) {
      if (skip >= chunk.length) skip -= chunk.length;
      else {
        left.push(skip > 0 ? chunk.subarray(skip) : chunk);
        skip = 0;
      }
    }
    rest = left;
  }
}
