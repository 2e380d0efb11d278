// File upload (POST /files, multipart), streamed from disk.
//
// - Streamed: fs.createReadStream (256 KiB reads) → counting Transform → multipart body → the
//   connection, with backpressure: memory holds a few chunks, never the file.
// - Cancellable: aborting the signal aborts the request mid-body, so the server never receives the
//   closing multipart boundary, i.e. never a complete file. The same holds when the file changes
//   size while it is read: the count no longer matches, and the body is cut off.
// - Retried by REOPENING the file: a streamed body cannot be replayed, so the transport does not
//   retry it. We retry on a lost connection and on 5xx, never on 4xx.
// - A send that makes no progress for idleTimeoutMs is a stalled connection (the request deadline
//   cannot apply: a 200 MB upload may legitimately take longer than any fixed limit).
import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Transform, pipeline } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { ApiError, formatDuration, toApiError } from './errors.js';
import { fileError } from './file-error.js';
import { multipartBody } from './multipart.js';
import { FileObjectSchema } from './schemas/files.js';
import type { FileObject } from './schemas/shapes.js';
import type { CallOptions, Transport } from './transport.js';
import { IdleWatchdog } from './watchdog.js';

export interface UploadOptions extends CallOptions {
  /** Default 'batch'. */
  purpose?: string;
  /** Bytes handed to the connection so far, and the file size. Restarts from 0 on a retry. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** Extra attempts after a lost connection or a 5xx. Default 2. */
  retries?: number;
  /** First backoff delay, doubled per attempt, capped at 8 s; a Retry-After wins. Default 500 ms. */
  retryDelayMs?: number;
  /** Abort a send that makes no progress for this long. Default 60 s. */
  idleTimeoutMs?: number;
  /**
   * The file's last chunk and the closing boundary wait for this: the upload runs while something
   * else (a check of the file) decides whether it may complete. A rejection stops it, and the
   * server, never having had a whole body, keeps nothing.
   */
  holdLastBytes?: Promise<void>;
}

const MAX_BACKOFF_MS = 8_000;
const DEFAULT_SEND_IDLE_MS = 60_000;
/** Once the body is sent the server may validate a big file before answering. */
const MIN_RESPONSE_WAIT_MS = 120_000;
/** The request deadline must not cut a long upload short; the watchdogs above do the timing instead. */
const UPLOAD_DEADLINE_MS = 24 * 60 * 60 * 1000;
/** Big reads (a 200 MB file in 800 chunks rather than 3,200), still small enough for a smooth progress bar. */
const READ_CHUNK_BYTES = 256 * 1024;

/** Size of a readable regular file, or an ApiError that names the path. */
async function checkReadable(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile())
      throw new ApiError({
        kind: 'bad_request',
        code: 'EISDIR',
        message: `Cannot upload ${path}: it is not a regular file.`,
      });
    await access(path, constants.R_OK);
    if (info.size === 0)
      throw new ApiError({ kind: 'bad_request', message: `Cannot upload ${path}: the file is empty.` });
    return info.size;
  } catch (e) {
    throw e instanceof ApiError ? e : fileError(e, path, 'upload');
  }
}

interface AttemptOutcome {
  /** Every byte of the file was handed to the connection. */
  bodySent: boolean;
}

async function uploadOnce(
  t: Transport,
  path: string,
  total: number,
  opts: UploadOptions,
  outcome: AttemptOutcome,
): Promise<FileObject> {
  const ctx = t.ctx('post', '/files');
  const name = basename(path);
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  let stalled: ApiError | undefined;
  let sourceError: unknown;
  let sent = 0;

  const responseWaitMs = Math.max(t.timeoutMs, MIN_RESPONSE_WAIT_MS);
  const onStall = (message: string) => () => {
    stalled = new ApiError({ kind: 'timeout', message });
    stop.abort();
  };
  const sendIdleMs = opts.idleTimeoutMs ?? DEFAULT_SEND_IDLE_MS;
  const sendWatchdog = new IdleWatchdog(
    sendIdleMs,
    onStall(`The upload of ${name} to ${t.host} stalled: no progress for ${formatDuration(sendIdleMs)}.`),
  );
  const answerWatchdog = new IdleWatchdog(
    responseWaitMs,
    onStall(`${t.host} received ${name} but did not answer within ${formatDuration(responseWaitMs)}.`),
  );

  const source = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  const changed = () =>
    new ApiError({
      kind: 'bad_request',
      message: `${path} changed while it was being uploaded (${total} bytes when it was opened, ${sent} read); the upload was stopped and the server kept nothing.`,
    });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sent += chunk.length;
      if (sent > total) {
        callback(changed());
        return;
      }
      sendWatchdog.kick();
      opts.onProgress?.(sent, total);
      callback(null, chunk);
    },
    flush(callback) {
      callback(sent === total ? null : changed());
    },
  });
  pipeline(source, counter, (err) => {
    if (err && !stop.signal.aborted && !opts.signal?.aborted) sourceError = err;
  });
  const content = heldBack(counter, opts.holdLastBytes, {
    holding: () => sendWatchdog.stop(),
    done: () => {
      outcome.bodySent = true;
      answerWatchdog.kick();
    },
  });
  const { body, headers } = multipartBody(
    { purpose: opts.purpose ?? 'batch' },
    { field: 'file', name, size: total, content },
  );

  opts.onProgress?.(0, total);
  sendWatchdog.kick();
  try {
    const response = await t.request('post', '/files', { body, headers, signal, timeoutMs: UPLOAD_DEADLINE_MS });
    return await t.readJson(response, FileObjectSchema, ctx);
  } catch (e) {
    if (opts.signal?.aborted)
      throw new ApiError({
        kind: 'cancelled',
        message: `The upload of ${name} was cancelled; the server did not receive a complete file.`,
      });
    if (stalled) throw stalled;
    // The file's own failure (unreadable, changed under us) may reach the request before the pipeline reports it.
    const local = sourceError ?? counter.errored ?? source.errored;
    if (local) throw local instanceof ApiError ? local : fileError(local, path, 'upload');
    throw toApiError(e, ctx);
  } finally {
    sendWatchdog.stop();
    answerWatchdog.stop();
    source.destroy();
    counter.destroy();
    body.destroy();
  }
}

/**
 * The file's chunks, the last one kept back until `hold` settles (without a hold, at once). The
 * hold may be long, so `holding` stops the idle watchdog; `done` marks the whole file handed over.
 */
async function* heldBack(
  chunks: AsyncIterable<Buffer>,
  hold: Promise<void> | undefined,
  on: { holding(): void; done(): void },
): AsyncGenerator<Buffer> {
  let last: Buffer | null = null;
  for await (const chunk of chunks) {
    if (last) yield last;
    last = chunk;
  }
  on.holding();
  if (hold) await hold;
  if (last) yield last;
  on.done();
}

function shouldRetry(err: ApiError, outcome: AttemptOutcome): boolean {
  if (err.kind === 'unreachable' || err.kind === 'server') return true;
  // A stall while sending is a dead connection; a slow answer after the whole file went out may
  // mean the server is still storing it, and a retry would upload it twice.
  return err.kind === 'timeout' && !outcome.bodySent;
}

/** Upload a local file with purpose `batch` (by default) and return the server's file object. */
export async function uploadFile(t: Transport, path: string, opts: UploadOptions = {}): Promise<FileObject> {
  const total = await checkReadable(path);
  const retries = opts.retries ?? 2;
  const baseDelay = opts.retryDelayMs ?? 500;
  for (let attempt = 0; ; attempt++) {
    const outcome: AttemptOutcome = { bodySent: false };
    try {
      return await uploadOnce(t, path, total, opts, outcome);
    } catch (e) {
      const err = e instanceof ApiError ? e : toApiError(e, t.ctx('post', '/files'));
      if (attempt >= retries || !shouldRetry(err, outcome)) throw err;
      const wait = err.retryAfterMs ?? Math.min(baseDelay * 2 ** attempt, MAX_BACKOFF_MS);
      try {
        await delay(wait, undefined, opts.signal ? { signal: opts.signal } : {});
      } catch {
        throw new ApiError({ kind: 'cancelled', message: `The upload of ${basename(path)} was cancelled.` });
      }
    }
  }
}
