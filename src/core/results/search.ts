import { moreLinesAfter } from './document-wait.js';
import { isByteReader, yieldToEventLoop, type ByteReader } from './local-document.js';
import type { LineDocument, LineText, ScanProgress } from './types.js';

/**
 * Finding lines in a LineDocument without freezing the screen: the file is scanned in big chunks
 * (read from disk, never held), the event loop runs between chunks, and an AbortSignal stops it.
 *
 * Both searches start at the line after `from` (before it, for direction -1). Forward, on a
 * document still downloading, they wait for more lines until it is complete. With `wrap` they go
 * on from the other end up to and including `from`, and say so (`wrapped`).
 *
 * On abort they REJECT with the signal's reason (an AbortError DOMException by default); a search
 * that ran to the end without a match resolves null.
 */

export interface ScanOptions {
  /** The line the reader is on; -1 (forward) or the line count (backward) scans from the edge. */
  from: number;
  direction: 1 | -1;
  /** Go on from the other end, up to `from` itself. Default false. */
  wrap?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
}

export interface TextHit {
  line: number;
  /** The match is on the other side of where the search began. */
  wrapped: boolean;
}

/** Bytes read per step (text search). Big enough that a 200 MB file takes ~50 steps. */
export const SEARCH_CHUNK_BYTES = 4 * 1024 * 1024;
/** Bytes decoded per step (non-ASCII search): smaller, since each becomes two strings. */
const DECODED_CHUNK_BYTES = 1024 * 1024;
/** Lines read per step (predicate search). */
const LINE_BATCH = 512;

/** Lines [first, end) of a document, scanned in one direction. */
interface Span {
  first: number;
  end: number;
}

/** Looks at one span, returning the matching line closest to where the scan began, or -1. */
type SpanScanner = (span: Span, direction: 1 | -1) => Promise<number>;

/**
 * The next line containing `query`: plain text, case-insensitive. A query with a line break
 * cannot be on one line: null.
 */
export async function findText(doc: LineDocument, query: string, options: ScanOptions): Promise<TextHit | null> {
  if (query === '' || /[\r\n]/.test(query)) return null;
  const needle = query.toLowerCase();
  const progress = new Progress(doc, options.onProgress);
  const scanner = isByteReader(doc)
    ? // eslint-disable-next-line no-control-regex
      /^[\x00-\x7f]*$/.test(needle)
      ? asciiScanner(doc, doc, Buffer.from(needle, 'latin1'), progress, options.signal)
      : decodedScanner(doc, doc, needle, progress, options.signal)
    : predicateScanner(
        doc,
        (text) => text.toLowerCase().includes(needle),
        Number.MAX_SAFE_INTEGER,
        progress,
        options.signal,
      );
  return scan(doc, scanner, options);
}

/**
 * The next line whose text satisfies `predicate` (e.g. "is an error line"), or null. Lines are
 * read in batches with readLines; the predicate sees at most the default maxBytes of a line.
 */
export async function findLine(
  doc: LineDocument,
  predicate: (text: string, line: LineText) => boolean,
  options: ScanOptions,
): Promise<number | null> {
  const progress = new Progress(doc, options.onProgress);
  const hit = await scan(doc, predicateScanner(doc, predicate, undefined, progress, options.signal), options);
  return hit?.line ?? null;
}

// ---------------------------------------------------------------------------------------------
// The walk over the file: spans after `from`, waiting for growth, then the wrapped part
// ---------------------------------------------------------------------------------------------

async function scan(
  doc: LineDocument,
  scanner: SpanScanner,
  { from, direction, wrap = false, signal }: ScanOptions,
): Promise<TextHit | null> {
  signal?.throwIfAborted();
  const lines = doc.getState().lines;
  if (direction === 1) {
    const start = Math.max(-1, Math.min(Math.trunc(from), lines - 1));
    let first = start + 1;
    for (;;) {
      const end = doc.getState().lines;
      if (first < end) {
        const line = await scanner({ first, end }, 1);
        if (line >= 0) return { line, wrapped: false };
        first = end;
      }
      if (!(await moreLinesAfter(doc, first, signal))) break;
    }
    if (!wrap || start < 0) return null;
    const line = await scanner({ first: 0, end: Math.min(start + 1, doc.getState().lines) }, 1);
    return line >= 0 ? { line, wrapped: true } : null;
  }
  const start = Math.max(0, Math.min(Math.trunc(from), lines));
  const before = await scanner({ first: 0, end: start }, -1);
  if (before >= 0) return { line: before, wrapped: false };
  if (!wrap) return null;
  const line = await scanner({ first: start, end: doc.getState().lines }, -1);
  return line >= 0 ? { line, wrapped: true } : null;
}

class Progress {
  private scanned = 0;

  constructor(
    private readonly doc: LineDocument,
    private readonly report: ((progress: ScanProgress) => void) | undefined,
  ) {}

  add(bytes: number): void {
    this.scanned += bytes;
    if (!this.report) return;
    const state = this.doc.getState();
    this.report({ scannedBytes: this.scanned, totalBytes: state.totalBytes ?? (state.complete ? state.bytes : null) });
  }
}

async function step(signal: AbortSignal | undefined): Promise<void> {
  await yieldToEventLoop();
  signal?.throwIfAborted();
}

// ---------------------------------------------------------------------------------------------
// Scanners
// ---------------------------------------------------------------------------------------------

/** ASCII query: lower-case the bytes of each chunk and look for the bytes of the query. */
function asciiScanner(
  doc: LineDocument,
  bytes: ByteReader,
  needle: Buffer,
  progress: Progress,
  signal: AbortSignal | undefined,
): SpanScanner {
  const chunkBytes = Math.max(SEARCH_CHUNK_BYTES, needle.length * 4);
  // Chunks overlap by one byte less than the needle, so a match across their border is seen.
  const overlap = needle.length - 1;
  return async ({ first, end }, direction) => {
    if (first >= end) return -1;
    const low = doc.offsetOf(first);
    const high = doc.offsetOf(end);
    let from = direction === 1 ? low : Math.max(low, high - chunkBytes);
    let to = direction === 1 ? Math.min(high, low + chunkBytes) : high;
    let seenBefore = 0;
    const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, high - low));
    for (;;) {
      const chunk = lowerAscii(await bytes.readBytes(from, to - from, buffer));
      const at = direction === 1 ? chunk.indexOf(needle) : chunk.lastIndexOf(needle);
      // The query has no line break, so a match lies within one line.
      if (at >= 0) return doc.lineAt(from + at);
      progress.add(to - from - seenBefore);
      seenBefore = overlap;
      if (direction === 1 ? to >= high : from <= low) return -1;
      await step(signal);
      if (direction === 1) {
        from = to - overlap;
        to = Math.min(high, from + chunkBytes);
      } else {
        to = from + overlap;
        from = Math.max(low, to - chunkBytes);
      }
    }
  };
}

/** In place: A-Z to a-z; every other byte (UTF-8 sequences included) stays. */
function lowerAscii(chunk: Buffer): Buffer {
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (b >= 0x41 && b <= 0x5a) chunk[i] = b | 0x20;
  }
  return chunk;
}

/**
 * Non-ASCII query: whole lines, decoded and lower-cased a chunk at a time (lower-casing may
 * change a text's length, so a match is placed by the line breaks before it, not by bytes).
 */
function decodedScanner(
  doc: LineDocument,
  bytes: ByteReader,
  needle: string,
  progress: Progress,
  signal: AbortSignal | undefined,
): SpanScanner {
  return async ({ first, end }, direction) => {
    const buffer = Buffer.allocUnsafe(DECODED_CHUNK_BYTES);
    let lo = direction === 1 ? first : end;
    let hi = lo;
    while (direction === 1 ? hi < end : lo > first) {
      // The lines of about one chunk (at least one line, however long).
      if (direction === 1) {
        lo = hi;
        hi = Math.min(end, Math.max(lo + 1, doc.lineAt(doc.offsetOf(lo) + DECODED_CHUNK_BYTES)));
      } else {
        hi = lo;
        lo = Math.max(first, Math.min(hi - 1, doc.lineAt(Math.max(0, doc.offsetOf(hi) - DECODED_CHUNK_BYTES)) + 1));
      }
      const start = doc.offsetOf(lo);
      const length = doc.offsetOf(hi) - start;
      // A line longer than the chunk gets a buffer of its own.
      const text = (await bytes.readBytes(start, length, buffer)).toString('utf8').toLowerCase();
      const at = direction === 1 ? text.indexOf(needle) : text.lastIndexOf(needle);
      if (at >= 0) return lo + countLineBreaks(text, at);
      progress.add(length);
      await step(signal);
    }
    return -1;
  };
}

function countLineBreaks(text: string, before: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < before; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Any document, any test: lines read in batches and given to `matches`. */
function predicateScanner(
  doc: LineDocument,
  matches: (text: string, line: LineText) => boolean,
  maxBytes: number | undefined,
  progress: Progress,
  signal: AbortSignal | undefined,
): SpanScanner {
  const options = maxBytes === undefined ? {} : { maxBytes };
  return async ({ first, end }, direction) => {
    let next = direction === 1 ? first : end;
    while (direction === 1 ? next < end : next > first) {
      const from = direction === 1 ? next : Math.max(first, next - LINE_BATCH);
      const count = direction === 1 ? Math.min(LINE_BATCH, end - next) : next - from;
      const batch = await doc.readLines(from, count, options);
      if (batch.length === 0) return -1;
      const ordered = direction === 1 ? batch : [...batch].reverse();
      const hit = ordered.find((line) => matches(line.text, line));
      if (hit) return hit.index;
      progress.add(batch.reduce((sum, line) => sum + line.bytes + 1, 0));
      next = direction === 1 ? from + batch.length : from;
      await step(signal);
    }
    return -1;
  };
}
