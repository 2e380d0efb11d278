// The contracts of the results pager's data layer. A LineDocument is a JSONL file
// on local disk, indexed by line offsets as its bytes arrive, read a page at a time: whatever the
// file's size, memory holds the offsets and the lines on screen, never the file.

/** One line read from disk, without its line end (LF or CRLF). */
export interface LineText {
  /** 0-based line number. */
  index: number;
  /** The line, decoded as UTF-8; only its first `maxBytes` when `cut`. */
  text: string;
  /** The whole line's length in bytes, line end excluded. */
  bytes: number;
  /** True when the line was longer than the read's `maxBytes` and `text` is its beginning. */
  cut: boolean;
}

export interface ReadOptions {
  /** Read at most this many bytes of a line (default DEFAULT_MAX_LINE_BYTES). */
  maxBytes?: number;
}

/** A line longer than this is read only up to here unless the reader asks for more. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export interface DocumentState {
  /** Lines known so far: each one ended by a newline, plus the unterminated last one once complete. */
  lines: number;
  /** Bytes on disk and indexed. */
  bytes: number;
  /** The expected size when known (Content-Length, or a local file's size); null otherwise. */
  totalBytes: number | null;
  /** Every byte is there and indexed. Until then `lines` only grows and a reader may wait for more. */
  complete: boolean;
  /** Where the bytes come from: a local file, a complete cached copy, or a download in progress. */
  origin: 'local' | 'cache' | 'network';
  /** How much of an earlier interrupted download was reused (bytes), when one was resumed. */
  resumedFrom: number | null;
  /** Why loading stopped (download failed, file unreadable). The lines already indexed stay readable. */
  error: unknown;
  /**
   * A download that has sent nothing for this long (ms, in whole seconds), while it is still
   * waited for: the reader is told, and may retry, before the idle timeout gives up. Null or
   * absent while data flows (and for files that are not downloaded).
   */
  stalledMs?: number | null;
  /** False when `error` is final and retry() does nothing (a download refused for its size). */
  retryable?: boolean;
}

/** A JSONL file being indexed (and maybe downloaded) while it is read. */
export interface LineDocument {
  getState(): DocumentState;
  subscribe(listener: () => void): () => void;
  /** A short name for titles: the local path's base name, or the file id. */
  readonly name: string;
  /** The bytes on disk: the local file or the cache file (while downloading: the partial file). */
  readonly path: string;
  /** One line; rejects with a RangeError for a line that is not indexed (yet). */
  readLine(index: number, options?: ReadOptions): Promise<LineText>;
  /** Up to `count` consecutive indexed lines from `from` (fewer at the end of what is indexed). */
  readLines(from: number, count: number, options?: ReadOptions): Promise<LineText[]>;
  /** Byte offset where line `index` starts (the file's size for index === lines when complete). */
  offsetOf(index: number): number;
  /** The line that holds byte `offset` (binary search over the index). */
  lineAt(offset: number): number;
  /** Resolves once complete; rejects with the error that stopped the loading. */
  whenComplete(): Promise<void>;
  /** Stops a download (what arrived stays in the cache, marked partial) and closes the file. */
  close(): Promise<void>;
}

/** Progress of a background scan (search, error filter, input index), for a status line. */
export interface ScanProgress {
  scannedBytes: number;
  totalBytes: number | null;
}
