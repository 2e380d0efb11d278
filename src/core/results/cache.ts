import { createHash, randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The cache of downloaded files, one folder per provider (see cache-dir.ts). For a file id:
 * - `<id>.jsonl` is a COMPLETE copy: it only ever appears by a rename after the whole download
 *   arrived and its size matched what the server announced;
 * - `<id>.jsonl.part` plus `<id>.part.json` (what PartialDownload says) is an interrupted download.
 * Complete copies are pruned least recently opened first to stay under a size budget; partial
 * downloads nobody came back to for a week are removed.
 */

export const DEFAULT_CACHE_BUDGET_BYTES = 2 * 1024 ** 3;
export const DEFAULT_PART_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

const COMPLETE_SUFFIX = '.jsonl';
const PART_SUFFIX = '.jsonl.part';
const META_SUFFIX = '.part.json';

export interface CacheEntry {
  complete: string;
  part: string;
  meta: string;
}

/** What is known about an interrupted download, kept next to its `.part` file. */
export interface PartialDownload {
  fileId: string;
  /** Bytes of the `.part` file known to be good (written before this was saved). */
  bytes: number;
  /** The whole file's size as the server announced it; null when it did not. */
  totalBytes: number | null;
  /** Validators the server sent, to resume only the same version (If-Range). */
  etag: string | null;
  lastModified: string | null;
  /** The server said it serves byte ranges. */
  acceptRanges: boolean;
  /** When this was saved (ms since the epoch). */
  updatedAt: number;
}

// Names on Windows that are devices whatever their extension.
const RESERVED_NAME = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_NAME_CHARS = 120;

const escapeChar = (c: string): string =>
  Array.from(Buffer.from(c, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/**
 * A file id as a file name on every platform: letters, digits, `-` and `_` stay, anything else
 * (separators, dots, so no `..`) becomes %XX. Distinct ids give distinct names; a very long id is
 * shortened with a hash of the whole.
 */
export function cacheFileName(fileId: string): string {
  if (fileId === '') throw new RangeError('A file id cannot be empty.');
  let name = fileId.replace(/[^A-Za-z0-9_-]/gu, escapeChar);
  if (RESERVED_NAME.test(name)) name = escapeChar(name[0]!) + name.slice(1);
  if (name.length > MAX_NAME_CHARS) {
    name = `${name.slice(0, 60)}~${createHash('sha256').update(fileId).digest('hex').slice(0, 32)}`;
  }
  return name;
}

export function cacheEntry(filesDir: string, fileId: string): CacheEntry {
  const base = join(filesDir, cacheFileName(fileId));
  return { complete: base + COMPLETE_SUFFIX, part: base + PART_SUFFIX, meta: base + META_SUFFIX };
}

// ---------------------------------------------------------------------------------------------
// Partial downloads
// ---------------------------------------------------------------------------------------------

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const stringOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The saved state of an interrupted download; null when absent, unreadable or for another id. */
export async function readPartialDownload(path: string, fileId: string): Promise<PartialDownload | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (r['fileId'] !== fileId || !isCount(r['bytes'])) return null;
  const total = r['totalBytes'];
  if (total !== null && !isCount(total)) return null;
  return {
    fileId,
    bytes: r['bytes'],
    totalBytes: total,
    etag: stringOrNull(r['etag']),
    lastModified: stringOrNull(r['lastModified']),
    acceptRanges: r['acceptRanges'] === true,
    updatedAt: isCount(r['updatedAt']) ? r['updatedAt'] : 0,
  };
}

/** Saved whole or not at all (temp file, then rename), so a crash never leaves half a record. */
export async function writePartialDownload(path: string, meta: PartialDownload): Promise<void> {
  const temp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(temp, JSON.stringify(meta), { mode: 0o600 });
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Files in use
// ---------------------------------------------------------------------------------------------

// Paths that an open document reads or writes: pruning must leave them alone.
const held = new Map<string, number>();

export function holdCacheFile(path: string): void {
  held.set(path, (held.get(path) ?? 0) + 1);
}

export function releaseCacheFile(path: string): void {
  const count = held.get(path) ?? 0;
  if (count <= 1) held.delete(path);
  else held.set(path, count - 1);
}

export function isCacheFileHeld(path: string): boolean {
  return held.has(path);
}

/** Mark a complete copy as just opened: pruning removes the least recently opened first. */
export async function touchCacheFile(path: string, now: number = Date.now()): Promise<void> {
  const when = new Date(now);
  await utimes(path, when, when);
}

// ---------------------------------------------------------------------------------------------
// Pruning
// ---------------------------------------------------------------------------------------------

export interface PruneOptions {
  /** Keep the files under this many bytes in total (default 2 GiB). */
  budgetBytes?: number;
  /** Remove partial downloads untouched for longer than this (default 7 days). */
  maxPartAgeMs?: number;
  now?: number;
}

export interface PruneResult {
  /** Paths removed. */
  removed: string[];
  /** Bytes left in the cache. */
  bytes: number;
}

interface CachedFile {
  path: string;
  size: number;
  mtimeMs: number;
  complete: boolean;
}

async function listCachedFiles(cacheDir: string): Promise<CachedFile[]> {
  const root = join(cacheDir, 'files');
  const hosts = await readdir(root, { withFileTypes: true }).catch((): Dirent[] => []);
  const out: CachedFile[] = [];
  for (const host of hosts) {
    if (!host.isDirectory()) continue;
    const dir = join(root, host.name);
    const names = await readdir(dir).catch((): string[] => []);
    for (const name of names) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      out.push({ path, size: info.size, mtimeMs: info.mtimeMs, complete: name.endsWith(COMPLETE_SUFFIX) });
    }
  }
  return out;
}

/**
 * Keep the cache under its budget: remove stale partial downloads, then complete copies, least
 * recently opened first, until the rest fits. Never touches a file an open document uses. Files
 * that cannot be removed are skipped (another process may be using them).
 */
export async function pruneCache(cacheDir: string, options: PruneOptions = {}): Promise<PruneResult> {
  const budget = options.budgetBytes ?? DEFAULT_CACHE_BUDGET_BYTES;
  const maxPartAge = options.maxPartAgeMs ?? DEFAULT_PART_MAX_AGE_MS;
  const now = options.now ?? Date.now();
  const removed: string[] = [];
  const remove = async (file: CachedFile): Promise<boolean> => {
    if (isCacheFileHeld(file.path)) return false;
    try {
      await rm(file.path);
      removed.push(file.path);
      return true;
    } catch {
      return false;
    }
  };

  const kept: CachedFile[] = [];
  for (const file of await listCachedFiles(cacheDir)) {
    if (!file.complete && now - file.mtimeMs > maxPartAge && (await remove(file))) continue;
    kept.push(file);
  }
  let bytes = kept.reduce((sum, f) => sum + f.size, 0);
  const oldestFirst = kept.filter((f) => f.complete).sort((a, b) => a.mtimeMs - b.mtimeMs);
  for (const file of oldestFirst) {
    if (bytes <= budget) break;
    if (await remove(file)) bytes -= file.size;
  }
  return { removed, bytes };
}
