import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { copyFile, link, lstat, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { removeOnExit } from '../exit-cleanup.js';
import { messageOf } from '../../api/message-of.js';

/**
 * Writing a file the user asked for (save, joined export, a resubmit file) so that it is either
 * absent or complete: bytes go to `<dest>.partial-<random>` in the same directory, are fsynced,
 * then renamed over dest — or, when dest must not be replaced, hard-linked to it, which fails on
 * an existing file instead of replacing it (no check-then-write race). On any failure, on cancel,
 * and when a signal ends the program mid-way, the temporary file is removed: nothing half-written
 * is ever left. Only a regular file is replaced (a directory, FIFO, socket or device is refused),
 * and the new file keeps the replaced one's permissions.
 */

export type WriteOutcome =
  | { status: 'saved'; path: string; bytes: number }
  /** dest exists and overwrite was not allowed: nothing was written. */
  | { status: 'exists'; path: string };

export interface AtomicWriteOptions {
  /** Replace an existing file. Without it an existing dest gives { status: 'exists' }. */
  overwrite?: boolean;
  signal?: AbortSignal;
}

/** A save that could not be done, worded for the user with the path; `code` is the errno code, 'cancelled' or 'not_finished'. */
export class SaveError extends Error {
  override readonly name = 'SaveError';
  constructor(
    message: string,
    readonly path: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** Where bytes go: buffered, so a line at a time costs no system call. */
export interface FileSink {
  write(chunk: string | Uint8Array): Promise<void>;
  /**
   * The whole of the file at `source`, copied by the kernel (a copy-on-write clone where the file
   * system offers one): a 200 MB save without passing every byte through JavaScript. Only as the
   * first and only content; resolves with the bytes copied.
   */
  copyWhole(source: string): Promise<number>;
  /** Bytes written so far. */
  readonly bytes: number;
}

/**
 * Copies bytes [start, end) of `source` into `sink` through `buffer` (reused; the sink gets copies,
 * since it keeps what it is given until it flushes). Returns how many bytes were copied, fewer when
 * the file ends early, and the last one (-1 when none), for callers that care how the copy ended.
 */
export async function copyRange(
  source: FileHandle,
  start: number,
  end: number,
  sink: FileSink,
  buffer: Buffer,
  onChunk?: (copied: number) => void,
): Promise<{ copied: number; lastByte: number }> {
  let copied = 0;
  let lastByte = -1;
  while (start + copied < end) {
    const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, end - start - copied), start + copied);
    if (bytesRead === 0) break;
    await sink.write(Buffer.from(buffer.subarray(0, bytesRead)));
    lastByte = buffer[bytesRead - 1]!;
    copied += bytesRead;
    onChunk?.(copied);
  }
  return { copied, lastByte };
}

/** `~` and `~/x` are in the home directory; anything relative is from the current directory. */
export function expandHome(path: string): string {
  const trimmed = path.trim();
  if (trimmed === '~') return homedir();
  if (trimmed.startsWith('~/')) return join(homedir(), trimmed.slice(2));
  return resolve(trimmed);
}

/** True when something (a file, a directory, a link) is at the path: the UI asks before overwriting. */
export async function destinationExists(path: string): Promise<boolean> {
  try {
    await lstat(expandHome(path));
    return true;
  } catch {
    return false;
  }
}

const FLUSH_BYTES = 1024 * 1024;

/** What is at `path` when it is something a save must not replace; null for a regular file or nothing. */
function notAFile(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'it is a directory; give a file name';
  if (info.isFIFO()) return 'it is a named pipe (FIFO), not a file; give another name';
  if (info.isSocket()) return 'it is a socket, not a file; give another name';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'it is a device, not a file; give another name';
  return 'it is not a regular file; give another name';
}

/** What is at `path`, following a symbolic link; null when nothing is there (or a link leads nowhere). */
async function targetOf(path: string): Promise<Stats | null> {
  return stat(path).catch(() => null);
}

/**
 * Refuses, before anything is written or asked, a destination that is not a regular file (a
 * directory, FIFO, socket or device): the error says what is there. Resolves when dest is a
 * regular file or absent.
 */
export async function checkSaveTarget(dest: string): Promise<void> {
  const path = expandHome(dest);
  const target = await targetOf(path);
  const reason = target ? notAFile(target) : null;
  if (reason)
    throw new SaveError(`Cannot save to ${path}: ${reason}.`, path, target?.isDirectory() ? 'EISDIR' : 'ENOTFILE');
}

/** Runs `produce` into a temporary file and publishes it at dest (see the file comment). */
export async function writeAtomically(
  dest: string,
  produce: (sink: FileSink) => Promise<void>,
  options: AtomicWriteOptions = {},
): Promise<WriteOutcome> {
  const path = expandHome(dest);
  const { signal } = options;
  // Before any work: a 200 MB copy should not run only to find the answer is "exists".
  await checkSaveTarget(path);
  const existing = await lstat(path).catch(() => null);
  if (existing && !options.overwrite) return { status: 'exists', path };
  const replaced = existing ? await targetOf(path) : null;

  const temp = join(dirname(path), `${basename(path)}.partial-${randomBytes(6).toString('hex')}`);
  // Registered before it exists: a signal between the open and the next line leaves nothing either.
  const forget = removeOnExit(temp);
  let handle: FileHandle;
  try {
    handle = await open(temp, 'wx');
  } catch (error) {
    forget();
    throw saveError(error, path);
  }
  const sink = new BufferedSink(handle, temp, signal, path);
  try {
    // The file replaced keeps its permissions (a 0640 file stays 0640, not the umask's 0644).
    if (replaced) await handle.chmod(replaced.mode & 0o7777);
    await produce(sink);
    await sink.flush();
    await handle.sync();
    await handle.close();
    if (signal?.aborted) throw cancelled(path);
    if (options.overwrite) {
      await rename(temp, path);
    } else if (!(await linkExclusive(temp, path))) {
      return { status: 'exists', path };
    }
    await syncDirectory(dirname(path));
    return { status: 'saved', path, bytes: sink.bytes };
  } catch (error) {
    throw error instanceof SaveError ? error : saveError(error, path);
  } finally {
    await handle.close().catch(() => undefined);
    // After a rename the temporary name is gone already; after a link it is a second name to drop.
    await rm(temp, { force: true }).catch(() => undefined);
    forget();
  }
}

/**
 * Publishes temp at path unless something is there already: false then. Where hard links are not
 * supported (some network and FAT file systems), an exclusive copy is made instead; if that copy
 * fails midway, the partial dest it created is removed.
 */
async function linkExclusive(temp: string, path: string): Promise<boolean> {
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
  }
  try {
    await copyFile(temp, path, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    await rm(path, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** So that the new name survives a crash too (best effort: not every system can open a directory). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // The data itself is synced; only the rename's durability is at stake.
  }
}

class BufferedSink implements FileSink {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  bytes = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly temp: string,
    private readonly signal: AbortSignal | undefined,
    private readonly path: string,
  ) {}

  async copyWhole(source: string): Promise<number> {
    if (this.bytes > 0) throw new Error('copyWhole: the sink has content already');
    if (this.signal?.aborted) throw cancelled(this.path);
    // Into the temporary file this sink's handle has open: the handle's sync() then covers the copy.
    // copyFile gives the copy the source's mode; the file keeps the one chosen for it (the umask's,
    // or the replaced file's).
    const { mode } = await this.handle.stat();
    await copyFile(source, this.temp, constants.COPYFILE_FICLONE);
    await this.handle.chmod(mode & 0o7777);
    this.bytes = (await this.handle.stat()).size;
    return this.bytes;
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.signal?.aborted) throw cancelled(this.path);
    const buffer =
      typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.pending.push(buffer);
    this.pendingBytes += buffer.length;
    this.bytes += buffer.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const data = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    // writeFile on a handle writes it all (write() may write less than asked).
    await this.handle.writeFile(data);
  }
}

function cancelled(path: string): SaveError {
  return new SaveError(`Saving ${path} was cancelled; nothing was written.`, path, 'cancelled');
}

function errnoCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** One clear sentence per way a save fails, naming the path (and the directory when it is the problem). */
export function saveError(error: unknown, path: string): SaveError {
  const code = errnoCode(error);
  const dir = dirname(path);
  const reasons: Record<string, string> = {
    ENOENT: `the directory ${dir} does not exist`,
    ENOTDIR: `a part of ${dir} is not a directory`,
    EACCES: `no permission to write in ${dir}`,
    EPERM: `no permission to write in ${dir}`,
    EISDIR: 'it is a directory; give a file name',
    ENOSPC: 'the disk is full; nothing was saved',
    EDQUOT: 'the disk quota is used up; nothing was saved',
    EROFS: 'the file system is read-only',
    ENAMETOOLONG: 'the name is too long',
    EMFILE: 'too many files are open',
    EIO: 'input/output error',
  };
  const reason = (code && reasons[code]) ?? messageOf(error);
  return new SaveError(`Cannot save to ${path}: ${reason}.`, path, code);
}
