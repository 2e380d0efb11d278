import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { ApiError, fileError, sanitizeLine } from '../../api/index.js';
import { LineIndex } from './line-index.js';
import {
  DEFAULT_MAX_LINE_BYTES,
  type DocumentState,
  type LineDocument,
  type LineText,
  type ReadOptions,
} from './types.js';

/**
 * A LineDocument over a file on disk. FileDocument holds what every such document shares: the
 * line index, one open file handle for positional reads, and a state whose notifications are
 * throttled (a fast disk would otherwise re-render the screen thousands of times a second).
 * openLocalDocument indexes a local file in the background; remote-document.ts feeds the same
 * index with the bytes of a download as they are written.
 */

/** Bytes read per step while indexing from disk; between steps the event loop runs (keys, frames). */
export const INDEX_CHUNK_BYTES = 1024 * 1024;
/** At most this many notifications a second while loading; the final one is never held back. */
const NOTIFY_INTERVAL_MS = 100;
/** readLines reads consecutive lines with one read when they span at most this much. */
const BLOCK_READ_BYTES = 4 * 1024 * 1024;

/** A document that can hand out raw bytes (search scans those instead of decoded lines). */
export interface ByteReader {
  /**
   * Up to `length` bytes from `offset` (fewer at the end of what is on disk), read into `into`
   * when given and big enough (a scan reuses one buffer instead of allocating one per step).
   */
  readBytes(offset: number, length: number, into?: Buffer): Promise<Buffer>;
}

export function isByteReader(value: unknown): value is ByteReader {
  return typeof value === 'object' && value !== null && typeof (value as Partial<ByteReader>).readBytes === 'function';
}

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * How many of `bytes` form whole UTF-8 characters: a multi-byte character cut at the end is
 * dropped, not decoded into a replacement character.
 */
export function wholeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  let lead = n - 1;
  // At most three continuation bytes follow a lead byte.
  while (lead >= 0 && n - lead <= 3 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead -= 1;
  if (lead < 0) return n;
  const b = bytes[lead] ?? 0;
  const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return n - lead < size ? lead : n;
}

function toLineText(index: number, bytes: Buffer, lineBytes: number, maxBytes: number): LineText {
  if (lineBytes <= maxBytes) return { index, text: bytes.toString('utf8'), bytes: lineBytes, cut: false };
  const head = bytes.subarray(0, maxBytes);
  return { index, text: head.toString('utf8', 0, wholeUtf8Length(head)), bytes: lineBytes, cut: true };
}

const closedError = (name: string): Error => new Error(`${name} is closed.`);

export abstract class FileDocument implements LineDocument, ByteReader {
  readonly name: string;
  protected readonly index = new LineIndex();
  protected readonly handle: FileHandle;
  private currentPath: string;
  private state: DocumentState;
  private pending: Partial<DocumentState> = {};
  private readonly listeners = new Set<() => void>();
  private lastNotifyAt = 0;
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private readonly reads = new Set<Promise<unknown>>();
  private readonly scratch = Buffer.allocUnsafe(BLOCK_READ_BYTES);
  private scratchFree = true;
  protected closed = false;

  protected constructor(
    name: string,
    path: string,
    handle: FileHandle,
    initial: Pick<DocumentState, 'origin' | 'totalBytes'>,
  ) {
    this.name = name;
    this.currentPath = path;
    this.handle = handle;
    this.state = { lines: 0, bytes: 0, complete: false, resumedFrom: null, error: null, ...initial };
  }

  get path(): string {
    return this.currentPath;
  }

  getState = (): DocumentState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async readLine(index: number, options: ReadOptions = {}): Promise<LineText> {
    const { start, end } = this.index.boundsOf(index);
    const max = maxBytesOf(options);
    const bytes = await this.readBytes(start, Math.min(end - start, max));
    return toLineText(index, bytes, end - start, max);
  }

  async readLines(from: number, count: number, options: ReadOptions = {}): Promise<LineText[]> {
    if (!Number.isInteger(from) || from < 0) throw new RangeError(`line ${from} is not a line number`);
    const last = Math.min(this.index.lines, from + Math.max(0, Math.floor(count))) - 1;
    if (last < from) return [];
    const max = maxBytesOf(options);
    const blockStart = this.index.offsetOf(from);
    const blockEnd = this.index.boundsOf(last).end;
    if (blockEnd - blockStart > BLOCK_READ_BYTES) {
      // Long lines: each is read only up to maxBytes.
      const out: LineText[] = [];
      for (let i = from; i <= last; i++) out.push(await this.readLine(i, options));
      return out;
    }
    // Scans read block after block: one buffer, reused while no other read holds it, keeps a
    // 200 MB scan from leaving 200 MB of dead buffers for the garbage collector.
    const scratch = this.scratchFree ? this.scratch : undefined;
    this.scratchFree = false;
    try {
      const block = await this.readBytes(blockStart, blockEnd - blockStart, scratch);
      const out: LineText[] = [];
      for (let i = from; i <= last; i++) {
        const { start, end } = this.index.boundsOf(i);
        // toLineText copies into strings: nothing keeps the block once this loop is done.
        out.push(toLineText(i, block.subarray(start - blockStart, end - blockStart), end - start, max));
      }
      return out;
    } finally {
      if (scratch) this.scratchFree = true;
    }
  }

  offsetOf(index: number): number {
    return this.index.offsetOf(index);
  }

  lineAt(offset: number): number {
    return this.index.lineAt(offset);
  }

  /** Up to `length` bytes from `offset` of the file on disk. */
  readBytes(offset: number, length: number, into?: Buffer): Promise<Buffer> {
    if (this.closed) return Promise.reject(closedError(this.name));
    const size = Math.max(0, length);
    const read = this.readFully(
      offset,
      into && into.length >= size ? into.subarray(0, size) : Buffer.allocUnsafe(size),
    );
    this.reads.add(read);
    void read.then(
      () => this.reads.delete(read),
      () => this.reads.delete(read),
    );
    return read;
  }

  whenComplete(): Promise<void> {
    if (this.state.complete) return Promise.resolve();
    if (this.state.error) return Promise.reject(this.state.error);
    if (this.closed) return Promise.reject(closedError(this.name));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Stops loading (see stopLoading), waits for reads in flight, and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stopLoading();
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    await Promise.allSettled([...this.reads]);
    await this.handle.close().catch(() => undefined);
    const closed = closedError(this.name);
    for (const w of this.waiters.splice(0)) w.reject(closed);
  }

  /** Stop whatever loads the file (indexing, a download) and wait until it has. */
  protected abstract stopLoading(): Promise<void>;

  protected setPath(path: string): void {
    this.currentPath = path;
  }

  /** Publish the index's progress plus `patch`; urgent changes (done, failed) are not throttled. */
  protected publish(patch: Partial<DocumentState> = {}, urgent = false): void {
    if (this.closed) return;
    this.pending = { ...this.pending, lines: this.index.lines, bytes: this.index.bytes, ...patch };
    const wait = NOTIFY_INTERVAL_MS - (Date.now() - this.lastNotifyAt);
    if (urgent || wait <= 0) this.flush();
    else this.notifyTimer ??= setTimeout(() => this.flush(), wait);
  }

  /** Read [index.bytes, upTo) of the file on disk into the index, yielding between chunks. */
  protected async indexFromDisk(upTo: number, shouldStop: () => boolean): Promise<void> {
    const buffer = Buffer.allocUnsafe(INDEX_CHUNK_BYTES);
    while (this.index.bytes < upTo && !shouldStop()) {
      const position = this.index.bytes;
      const { bytesRead } = await this.handle.read(buffer, 0, Math.min(buffer.length, upTo - position), position);
      if (bytesRead === 0) break;
      // The index keeps offsets only, so the buffer can be reused.
      this.index.push(buffer.subarray(0, bytesRead));
      this.publish();
      await yieldToEventLoop();
    }
  }

  /** Index the whole file from disk (a local file, a complete cached copy), then mark it complete. */
  protected async indexToEnd(): Promise<void> {
    try {
      // Until the end of the file, even if it grew since it was opened.
      await this.indexFromDisk(Infinity, () => this.closed);
      if (this.closed) return;
      this.index.end();
      this.publish({ complete: true, totalBytes: this.index.bytes }, true);
    } catch (e) {
      this.publish({ error: fileError(e, this.path, 'read') }, true);
    }
  }

  private flush(): void {
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    this.lastNotifyAt = Date.now();
    this.state = { ...this.state, ...this.pending };
    this.pending = {};
    for (const listener of this.listeners) listener();
    if (this.state.complete) for (const w of this.waiters.splice(0)) w.resolve();
    else if (this.state.error) for (const w of this.waiters.splice(0)) w.reject(this.state.error);
  }

  private async readFully(offset: number, buffer: Buffer): Promise<Buffer> {
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await this.handle.read(buffer, filled, buffer.length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === buffer.length ? buffer : buffer.subarray(0, filled);
  }
}

function maxBytesOf(options: ReadOptions): number {
  const max = options.maxBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (!(max >= 0)) throw new RangeError(`maxBytes must be 0 or more; got ${max}`);
  return max;
}

// ---------------------------------------------------------------------------------------------
// A local file
// ---------------------------------------------------------------------------------------------

class LocalDocument extends FileDocument {
  private indexing: Promise<void> = Promise.resolve();

  constructor(path: string, handle: FileHandle, size: number) {
    // The name is shown (the pager's title, messages): a file someone else named may hold escapes.
    super(sanitizeLine(basename(path)), path, handle, { origin: 'local', totalBytes: size });
  }

  start(): void {
    this.indexing = this.indexToEnd();
  }

  protected async stopLoading(): Promise<void> {
    await this.indexing;
  }
}

const problem = (code: string, message: string): Error => Object.assign(new Error(message), { code });

/**
 * A local JSONL file as a LineDocument. Rejects at once, naming the path, when the file is missing,
 * a directory or unreadable; otherwise resolves right away and indexes in the background: the
 * first lines are readable while a 200 MB file is still being indexed.
 */
export async function openLocalDocument(path: string): Promise<FileDocument> {
  let handle: FileHandle;
  try {
    // Non-blocking: a FIFO opened for reading would wait for a writer, for ever; it is refused below.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw fileError(e, path, 'open');
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw problem('EISDIR', 'it is a directory');
    if (!info.isFile())
      throw new ApiError({ kind: 'bad_request', message: `Cannot open ${path}: it is not a regular file.` });
    const doc = new LocalDocument(path, handle, info.size);
    doc.start();
    return doc;
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw e instanceof ApiError ? e : fileError(e, path, 'open');
  }
}
