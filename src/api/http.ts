// One HTTP exchange, below the transport's retries, timeouts and errors.
//
// Why node:http and not fetch: fetch is undici, which costs ~20 ms to load on every start of a
// one-call command, moves bodies through web streams (a 200 MB download at half curl's speed), and
// keeps every chunk of a streamed upload body in memory until the request ends
// (nodejs/undici#4058). node:http streams both ways with backpressure and frees what it has sent.
// An injected fetch (tests: counting, cutting or stalling answers) is adapted to the same shape.
import type * as Http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type * as Https from 'node:https';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** A stream is sent as it is read and cannot be sent twice. */
  body?: string | Readable;
  signal: AbortSignal;
}

/** Response headers, looked up by lower-case name. */
export interface HeaderReader {
  get(name: string): string | null;
}

export interface HttpResponse {
  status: number;
  headers: HeaderReader;
  /** Ends with the body; destroy it to let go of a body not read. */
  body: Readable;
}

export type Send = (request: HttpRequest) => Promise<HttpResponse>;

// Loaded with require, not import: an ES import of node:http reads every export, and its WebSocket
// export loads undici, the ~20 ms this module exists to avoid. https (and TLS) only when asked for.
const load = createRequire(import.meta.url);
let http: typeof Http | undefined;
let https: typeof Https | undefined;
function requestFor(url: URL): typeof Http.request {
  if (url.protocol === 'https:') return (https ??= load('node:https') as typeof Https).request;
  return (http ??= load('node:http') as typeof Http).request;
}

/** Statuses whose answer has no body, whatever the headers say. */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

function headerReader(headers: IncomingMessage['headers']): HeaderReader {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
}

/** node:http(s) with the process's keep-alive agents (their idle sockets do not hold the process open). */
export const nodeSend: Send = ({ method, url, headers, body, signal }) =>
  new Promise<HttpResponse>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const req = requestFor(url)(url, { method, headers });
    let answered = false;
    const onAbort = () => req.destroy(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('response', (res) => {
      answered = true;
      // The abort wiring stays until the body is read (or dropped): a cancel also stops a download.
      res.on('close', () => signal.removeEventListener('abort', onAbort));
      if (NO_BODY.has(res.statusCode ?? 0)) res.resume();
      decoded(res).then(
        (body) => resolve({ status: res.statusCode ?? 0, headers: headerReader(res.headers), body }),
        reject,
      );
    });
    req.on('error', (error) => {
      if (answered) return;
      signal.removeEventListener('abort', onAbort);
      reject(signal.aborted ? abortReason(signal) : error);
    });
    if (body instanceof Readable) {
      body.on('error', (error) => req.destroy(error));
      body.pipe(req);
    } else req.end(body);
  });

/**
 * The body as sent before any Content-Encoding, which a server may apply though none was asked
 * for (fetch would undo it too). zlib loads only for such an answer.
 */
async function decoded(res: IncomingMessage): Promise<Readable> {
  const encoding = res.headers['content-encoding']?.trim().toLowerCase();
  if (!encoding || encoding === 'identity') return res;
  const zlib = await import('node:zlib');
  const decoder =
    encoding === 'br'
      ? zlib.createBrotliDecompress()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'gzip' || encoding === 'x-gzip'
          ? zlib.createGunzip()
          : null;
  if (!decoder) return res;
  // The decoder's end or failure is the body's: a cut-off or corrupt stream is an error, not a short file.
  res.on('error', (error) => decoder.destroy(error));
  decoder.on('close', () => res.destroy());
  return res.pipe(decoder);
}

/** The same exchange through a fetch: redirects are left to the transport, as with node:http. */
export function fetchSend(fetch: FetchLike): Send {
  return async ({ method, url, headers, body, signal }) => {
    const streamed = body instanceof Readable;
    const init: RequestInit & { duplex?: 'half' } = {
      method,
      headers,
      signal,
      redirect: 'manual',
      ...(body === undefined ? {} : { body: streamed ? (Readable.toWeb(body) as ReadableStream<Uint8Array>) : body }),
      ...(streamed ? { duplex: 'half' } : {}),
    };
    const response = await fetch(url, init);
    return {
      status: response.status,
      headers: { get: (name) => response.headers.get(name) },
      body: response.body ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) : Readable.from([]),
    };
  };
}

/**
 * The whole body as text, or null once it passes `limit` bytes (the rest is not read: a server
 * that sends without end costs no more than the limit).
 */
export async function readText(body: Readable, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
