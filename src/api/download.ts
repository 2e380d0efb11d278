// File content (GET /files/{id}/content), streamed.
//
// openContentStream gives a Readable for the pager; downloadFile pipes the same stream into
// `<dest>.partial-<random>` next to dest, fsyncs, and renames: dest is either absent or complete,
// never truncated. Both guard the body with an idle watchdog (the SDK's timeout ends when the
// headers arrive) and check the byte count against Content-Length.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { link, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ApiError, fileError, formatDuration, toApiError } from './errors.js';
import type { CallOptions, Transport } from './transport.js';
import { IdleWatchdog } from './watchdog.js';

export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

export interface ContentStreamOptions extends CallOptions {
  /** Fail when no byte arrives for this long while the reader is waiting. Default 30 s. */
  idleTimeoutMs?: number;
  /** Bytes received so far, and the expected total when the server announced it. */
  onProgress?: (bytes: number, totalBytes: number | null) => void;
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
}

function expectedLength(headers: Headers): number | null {
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
export async function openContent(t: Transport, fileId: string, opts: ContentStreamOptions = {}): Promise<ContentStream> {
  const path = `/files/${fileId}/content`;
  const ctx = t.ctx('get', path);
  let response: Response;
  try {
    response = await t.sdk.files.content(fileId, opts.signal ? { signal: opts.signal } : {});
  } catch (e) {
    throw toApiError(e, ctx);
  }
  const contentLength = expectedLength(response.headers);
  if (!response.body) return { stream: Readable.from([]), contentLength };

  const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const source = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  let bytes = 0;

  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      watchdog.kick();
      opts.onProgress?.(bytes, contentLength);
      callback(null, chunk);
    },
    flush(callback) {
      watchdog.stop();
      if (contentLength !== null && bytes !== contentLength) {
        callback(new ApiError({ kind: 'unreachable', message: `The content of ${fileId} from ${t.host} stopped after ${bytes} of ${contentLength} bytes (truncated).` }));
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
    () => fail(new ApiError({ kind: 'timeout', message: `No data from ${t.host} for ${formatDuration(idleMs)} while reading ${fileId}; the transfer was stopped.` })),
    () => counter.readableLength >= counter.readableHighWaterMark,
  );
  const onAbort = () => fail(new ApiError({ kind: 'cancelled', message: `Reading ${fileId} was cancelled.` }));

  source.on('error', (e) => {
    if (!counter.destroyed) fail(toApiError(e, ctx));
  });
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
  return { stream: counter, contentLength };
}

/** A streaming reader over a file's content (see openContent). */
export async function openContentStream(t: Transport, fileId: string, opts: ContentStreamOptions = {}): Promise<Readable> {
  return (await openContent(t, fileId, opts)).stream;
}

/** Download a file's content to destPath atomically; on any failure nothing is left behind. */
export async function downloadFile(t: Transport, fileId: string, destPath: string, opts: DownloadOptions = {}): Promise<DownloadResult> {
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
    const out = handle.createWriteStream({ flush: true });
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
