// File content (GET /files/{id}/content), streamed.
//
// openContentStream gives a Readable for the pager; downloadFile pipes the same stream into
// `<dest>.partial-<random>` next to dest, fsyncs, and renames: dest is either absent or complete,
// never truncated. Both guard the body with an idle watchdog (the request's deadline ends when
// the headers arrive) and check the byte count against Content-Length. openContent can also ask for
// the bytes from an offset on (a Range request), to resume an interrupted download.
//
// A server decides how many bytes it sends, and the disk is ours: a body is stopped once it passes
// the size declared for the file (the file object's `bytes`, else Content-Length or Content-Range)
// by more than a margin, and a body of no declared size once it passes a ceiling.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { link, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError, formatDuration, toApiError } from './errors.js';
import { fileError } from './file-error.js';
import type { HeaderReader, HttpResponse } from './http.js';
import type { CallOptions, Transport } from './transport.js';
import { IdleWatchdog } from './watchdog.js';

export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** What a download may hold between the socket and the disk. */
const STREAM_BUFFER_BYTES = 4 * 1024 * 1024;
/** What a content stream reads ahead of its reader. */
const READ_AHEAD_BYTES = 1024 * 1024;

/**
 * With no declared size a download stops here: 2 GiB, the size budget of the whole results cache
 * (a bigger file could not stay in it anyway). Batch files are limited to a few hundred MB.
 */
export const DEFAULT_UNDECLARED_LIMIT_BYTES = 2 * 1024 ** 3;

/**
 * The most bytes taken for a file declared to be `declared` bytes: providers count sizes a little
 * differently (line endings, a trailing newline), so a slack of 1 %, at least 1 MiB, is allowed.
 */
export function declaredSizeLimit(declared: number): number {
  return declared + Math.max(1024 ** 2, Math.ceil(declared / 100));
}

/** The `code` of the ApiError of a download stopped for passing its declared size (or the ceiling). */
export const OVERSIZE_CODE = 'content_too_large';

const isByteCount = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const byteCount = (n: number): string => `${n.toLocaleString('en-US')} bytes`;

export interface ContentStreamOptions extends CallOptions {
  /** Fail when no byte arrives for this long while the reader is waiting. Default 30 s. */
  idleTimeoutMs?: number;
  /** Bytes received so far, and the expected total when the server announced it. */
  onProgress?: (bytes: number, totalBytes: number | null) => void;
  /**
   * Ask for the content from this byte offset on (`Range: bytes=N-`). The server may ignore it and
   * send the whole file: ContentStream.partial says which. Bytes and totals in onProgress count
   * what this response carries.
   */
  start?: number;
  /** With `start`: an ETag or Last-Modified seen before; a server holding another version sends the whole file. */
  ifRange?: string;
  /**
   * The whole file's size as its file object states it (`bytes`). It wins over the response's own
   * headers; without it Content-Length (or Content-Range's total) is the declared size.
   */
  declaredBytes?: number | null;
  /** A body with no declared size stops after this many bytes. Default DEFAULT_UNDECLARED_LIMIT_BYTES. */
  undeclaredLimitBytes?: number;
}

export interface DownloadOptions extends ContentStreamOptions {
  /** Replace an existing dest (default true). With false an existing dest is an error, checked atomically. */
  overwrite?: boolean;
}

export interface DownloadResult {
  path: string;
  bytes: number;
}

export interface ContentStream {
  stream: Readable;
  /** From Content-Length; null when absent or when the body is content-encoded (the count would differ). */
  contentLength: number | null;
  /** True when the server honoured `start` (206): the stream begins at that offset. False: at byte 0. */
  partial: boolean;
  /** The whole file's size: from Content-Range on a 206, else Content-Length; null when unknown. */
  totalBytes: number | null;
  /** The server said it serves byte ranges (`Accept-Ranges: bytes`), or just served one. */
  acceptRanges: boolean;
  /** Validators of this version of the content, for `ifRange` when resuming later. */
  etag: string | null;
  lastModified: string | null;
}

/** `bytes 100-199/1000` → start and total (null for `*`); null when not of that form. */
function parseContentRange(value: string | null): { start: number; total: number | null } | null {
  const match = value === null ? null : /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value);
  if (!match) return null;
  return { start: Number(match[1]), total: match[3] === '*' ? null : Number(match[3]) };
}

function rangeHeaders(opts: ContentStreamOptions): Record<string, string> {
  if (!opts.start) return {};
  // Ranges count the bytes as sent; a compressed answer would count different ones than the file on disk.
  return {
    Range: `bytes=${opts.start}-`,
    'Accept-Encoding': 'identity',
    ...(opts.ifRange ? { 'If-Range': opts.ifRange } : {}),
  };
}

function expectedLength(headers: HeaderReader): number | null {
  const encoding = headers.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') return null;
  const raw = headers.get('content-length');
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw);
}

/**
 * Open the content of a file as a Node stream. Every error the stream emits is an ApiError:
 * 'cancelled' (signal), 'timeout' (idle watchdog), 'unreachable' (connection lost or body shorter
 * than Content-Length).
 */
export async function openContent(
  t: Transport,
  fileId: string,
  opts: ContentStreamOptions = {},
): Promise<ContentStream> {
  const path = `/files/${encodeURIComponent(fileId)}/content`;
  const ctx = t.ctx('get', path);
  if (opts.start !== undefined && !(Number.isSafeInteger(opts.start) && opts.start >= 0)) {
    throw new ApiError({
      kind: 'bad_request',
      message: `Cannot read ${fileId} from byte ${opts.start}: not a byte offset.`,
    });
  }
  let response: HttpResponse;
  try {
    response = await t.request('get', path, {
      ...(opts.signal ? { signal: opts.signal } : {}),
      headers: { accept: '*/*', ...rangeHeaders(opts) },
    });
  } catch (e) {
    throw toApiError(e, ctx);
  }
  const contentLength = expectedLength(response.headers);
  const partial = Boolean(opts.start) && response.status === 206;
  const range = parseContentRange(response.headers.get('content-range'));
  if (partial && range?.start !== opts.start) {
    response.body.destroy();
    throw new ApiError({
      kind: 'invalid_response',
      status: 206,
      message: `${t.host} answered a request for ${fileId} from byte ${opts.start} with ${range ? `bytes from ${range.start}` : 'no Content-Range'}.`,
    });
  }
  const answer = {
    contentLength,
    partial,
    totalBytes: partial ? (range?.total ?? null) : contentLength,
    acceptRanges: partial || /\bbytes\b/i.test(response.headers.get('accept-ranges') ?? ''),
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  };
  const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const source = response.body;
  let bytes = 0;
  const tooMuch = sizeGuard(
    t.host,
    fileId,
    isByteCount(opts.declaredBytes) ? opts.declaredBytes : answer.totalBytes,
    partial ? (opts.start ?? 0) : 0,
    opts.undeclaredLimitBytes,
  );

  const counter = new Transform({
    // Room for the network to go on while the reader writes what it has to disk (the socket is
    // paused only when this much waits): a 150 MB download in 0.4 s instead of 0.55.
    highWaterMark: READ_AHEAD_BYTES,
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      const refused = tooMuch(bytes);
      if (refused) {
        // Nothing more is taken from the server: the error ends the stream, and its close the connection.
        watchdog.stop();
        callback(refused);
        return;
      }
      watchdog.kick();
      opts.onProgress?.(bytes, contentLength);
      callback(null, chunk);
    },
    flush(callback) {
      watchdog.stop();
      if (contentLength !== null && bytes !== contentLength) {
        callback(
          new ApiError({
            kind: 'unreachable',
            message: `The content of ${fileId} from ${t.host} stopped after ${bytes} of ${contentLength} bytes (truncated).`,
          }),
        );
      } else callback();
    },
  });

  const fail = (err: ApiError) => {
    watchdog.stop();
    source.destroy();
    counter.destroy(err);
  };
  // A reader paused by backpressure is not a stalled server: only fire when nothing is buffered.
  const watchdog = new IdleWatchdog(
    idleMs,
    () =>
      fail(
        new ApiError({
          kind: 'timeout',
          message: `No data from ${t.host} for ${formatDuration(idleMs)} while reading ${fileId}; the transfer was stopped.`,
        }),
      ),
    () => counter.readableLength >= counter.readableHighWaterMark,
  );
  const onAbort = () => fail(new ApiError({ kind: 'cancelled', message: `Reading ${fileId} was cancelled.` }));

  source.on('error', (e) => {
    if (!counter.destroyed) fail(toApiError(e, ctx));
  });
  // A failure before the reader has started (a body past its size while the caller still sets up)
  // stays on the stream (`errored`) and is thrown at the reader's first read; unheard, the event
  // itself would be an uncaught exception.
  counter.on('error', () => undefined);
  counter.on('close', () => {
    watchdog.stop();
    opts.signal?.removeEventListener('abort', onAbort);
    // The reader stopped early: release the connection.
    if (!source.destroyed) source.destroy();
  });
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  source.pipe(counter);
  watchdog.kick();
  return { stream: counter, ...answer };
}

/**
 * The check a body's byte count goes through: an error once this response (which starts at
 * `offset` of the file) has carried more than the file's declared size allows, or more than the
 * ceiling when no size was declared; null while it is within bounds.
 */
function sizeGuard(
  host: string,
  fileId: string,
  declared: number | null,
  offset: number,
  undeclaredLimit = DEFAULT_UNDECLARED_LIMIT_BYTES,
): (bytes: number) => ApiError | null {
  const limit = (declared === null ? undeclaredLimit : declaredSizeLimit(declared)) - offset;
  return (bytes) => {
    if (bytes <= limit) return null;
    const reached = byteCount(offset + bytes);
    const message =
      declared === null
        ? `${host} sent ${fileId} without declaring its size, and it went past ${byteCount(undeclaredLimit)}, the most fizz-batch downloads without a declared size; stopped at ${reached}.`
        : `${host} sent more than the ${byteCount(declared)} it declared for ${fileId}; stopped at ${reached}.`;
    return new ApiError({ kind: 'invalid_response', code: OVERSIZE_CODE, message });
  };
}

/** A streaming reader over a file's content (see openContent). */
export async function openContentStream(
  t: Transport,
  fileId: string,
  opts: ContentStreamOptions = {},
): Promise<Readable> {
  return (await openContent(t, fileId, opts)).stream;
}

/** Download a file's content to destPath atomically; on any failure nothing is left behind. */
export async function downloadFile(
  t: Transport,
  fileId: string,
  destPath: string,
  opts: DownloadOptions = {},
): Promise<DownloadResult> {
  const temp = `${destPath}.partial-${randomBytes(6).toString('hex')}`;
  let handle: FileHandle;
  try {
    // Before any network traffic: a bad destination fails fast.
    handle = await open(temp, 'wx');
  } catch (e) {
    throw fileError(e, destPath, 'save to');
  }
  let bytes = 0;
  try {
    const { stream } = await openContent(t, fileId, {
      ...opts,
      onProgress: (n, total) => {
        bytes = n;
        opts.onProgress?.(n, total);
      },
    });
    // flush: fsync before the stream closes the handle, so the rename below publishes durable bytes.
    // A deep buffer: chunks arriving while one write is on its way go out together (writev), and
    // the socket is not paused after every 16 KiB waiting for the disk.
    const out = handle.createWriteStream({ flush: true, highWaterMark: STREAM_BUFFER_BYTES });
    await pipeline(stream, out);
    if (!out.closed) await once(out, 'close');
    if (opts.overwrite === false) {
      // link() fails with EEXIST instead of replacing: no check-then-write race.
      await link(temp, destPath);
      await rm(temp, { force: true });
    } else {
      await rename(temp, destPath);
    }
    return { path: destPath, bytes };
  } catch (e) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw e instanceof ApiError ? e : fileError(e, destPath, 'save to');
  }
}
