// A fetch for requests whose body is a stream (file uploads), over node:http(s).
//
// Why: Node's built-in fetch (undici 6.x/7.x) keeps every chunk of a streamed request body in
// memory until the request completes (nodejs/undici#4058, open): uploading a 200 MB file costs
// 200 MB of RAM, a 10 GB Nebius file would crash. node:http writes with backpressure and frees
// each chunk once sent. Everything else (JSON calls, downloads) keeps using the normal fetch.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable, pipeline } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FetchLike } from './transport.js';

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function abortReason(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

function toResponse(res: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const status = res.statusCode ?? 0;
  const body = NULL_BODY_STATUSES.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
  if (!body) res.resume();
  return new Response(body, { status, statusText: res.statusMessage ?? '', headers });
}

function sendStreamed(url: URL, init: RequestInit, body: ReadableStream<Uint8Array>): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    // node:http does not decompress; ask for an identity answer (it is a small JSON object).
    delete headers['accept-encoding'];
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: init.method ?? 'POST', headers });
    let settled = false;
    const onAbort = () => req.destroy(signal ? (abortReason(signal) as Error) : undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('response', (res) => {
      settled = true;
      // Keep the abort wiring until the answer's body is consumed, then let go.
      res.on('close', () => signal?.removeEventListener('abort', onAbort));
      resolve(toResponse(res));
    });
    req.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      if (settled) return;
      settled = true;
      // Shaped like undici's failures, so the SDK reports a connection error with the errno as cause.
      reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: err }));
    });
    pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), req, (err) => {
      if (err && !req.destroyed) req.destroy(err);
    });
  });
}

/** `fetch` that sends stream bodies through node:http(s) and everything else through `base`. */
export function streamingUploadFetch(base: FetchLike): FetchLike {
  return (input, init) => {
    const body = init?.body;
    if (body instanceof ReadableStream && !(input instanceof Request)) {
      return sendStreamed(new URL(String(input)), init ?? {}, body as ReadableStream<Uint8Array>);
    }
    return base(input, init);
  };
}
