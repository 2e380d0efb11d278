// How fizz-batch talks HTTP to a provider: the key on every request to its own host and nowhere
// else, a deadline for the answer's headers, the retries a read deserves, redirects followed with
// care, and every failure turned into an ApiError that names the request. JSON answers are
// validated with zod. The exchange itself is http.ts (node:http, or an injected fetch in tests).
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type * as z from 'zod';
import {
  ApiError,
  describeRequest,
  formatDuration,
  registerSecret,
  statusError,
  toApiError,
  type ErrorContext,
} from './errors.js';
import { fetchSend, nodeSend, readText, type FetchLike, type HttpResponse, type Send } from './http.js';
import { retryDelayMs, shouldRetryStatus } from './retry-policy.js';

export type { FetchLike } from './http.js';

export interface BatchClientOptions {
  /** E.g. `https://api.fizz.ai/v1` (with the `/v1`). */
  baseURL: string;
  /** Empty or absent for servers without auth: then no Authorization header is sent. */
  apiKey?: string | null;
  /** Per request, until the response headers arrive. Default 60 s. */
  timeoutMs?: number;
  /** Retries for a lost connection, a timeout, 408, 409, 429 and 5xx. Default 2. */
  maxRetries?: number;
  /** Instead of node:http (tests script answers through it). */
  fetch?: FetchLike;
  /** Only used in messages ("Check the key of profile …"). */
  profile?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

type Method = 'get' | 'post' | 'delete';

export interface RequestOptions extends CallOptions {
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** A JSON body, or a stream (sent once: never retried, never replayed on a redirect). */
  body?: Record<string, unknown> | Readable;
  maxRetries?: number;
  /** Instead of the client's deadline for the answer's headers. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
/** A JSON answer larger than this is not a page of jobs: it is not read to the end. */
const MAX_JSON_BYTES = 64 * 1024 ** 2;
/** Enough of an error body to quote what the server said. */
const MAX_ERROR_BYTES = 64 * 1024;
const MAX_REDIRECTS = 5;

export class Transport {
  readonly baseURL: string;
  /** For messages: `api.fizz.ai`, never the key or the path. */
  readonly host: string;
  /** The base URL without credentials or query, for messages. */
  readonly displayURL: string;
  readonly timeoutMs: number;
  readonly #origin: string;
  readonly #apiKey: string | undefined;
  readonly #maxRetries: number;
  readonly #profile: string | undefined;
  readonly #send: Send;

  constructor(options: BatchClientOptions) {
    // Registered first, so that even the invalid-URL message below cannot carry the key.
    const apiKey = options.apiKey?.trim();
    registerSecret(apiKey);
    const baseURL = options.baseURL.trim();
    let url: URL;
    try {
      url = new URL(baseURL);
    } catch {
      throw new ApiError({
        kind: 'bad_request',
        message: `The base URL "${baseURL}" is not a valid URL (expected e.g. https://api.fizz.ai/v1).`,
      });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ApiError({
        kind: 'bad_request',
        message: `The base URL "${baseURL}" is not an http or https URL (expected e.g. https://api.fizz.ai/v1).`,
      });
    }
    this.baseURL = baseURL;
    this.host = url.host;
    this.#origin = url.origin;
    this.displayURL = `${url.origin}${url.pathname}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#apiKey = apiKey || undefined;
    this.#maxRetries = options.maxRetries ?? 2;
    this.#profile = options.profile;
    this.#send = options.fetch ? fetchSend(options.fetch) : nodeSend;
  }

  ctx(method: string, path: string): ErrorContext {
    return {
      baseURL: this.baseURL,
      method,
      path,
      timeoutMs: this.timeoutMs,
      ...(this.#profile ? { profile: this.#profile } : {}),
    };
  }

  /** `path` under the base URL (its own path kept: `…/v1` + `/batches`), with the query. */
  url(path: string, query: RequestOptions['query'] = {}): URL {
    const url = new URL(this.baseURL.replace(/\/+$/, '') + path);
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(name, String(value));
    return url;
  }

  /**
   * One request, retried as a read deserves, redirects followed. Resolves with a 2xx answer whose
   * body the caller reads (or destroys); anything else is an ApiError.
   */
  async request(method: Method, path: string, req: RequestOptions = {}): Promise<HttpResponse> {
    const ctx = this.ctx(method, path);
    const streamed = isStream(req.body);
    const maxRetries = streamed ? 0 : (req.maxRetries ?? this.#maxRetries);
    for (let attempt = 0; ; attempt++) {
      let failure: ApiError;
      let answer: HttpResponse['headers'] | null = null;
      try {
        const response = await this.#follow(method, this.url(path, req.query), req, ctx);
        if (response.status >= 200 && response.status < 300) return response;
        const text = await readText(response.body, MAX_ERROR_BYTES).catch(() => null);
        failure = statusError(response.status, response.headers, text ?? '', ctx);
        answer = response.headers;
      } catch (e) {
        failure = toApiError(e, ctx);
      }
      // An answer is retried when its status says so; no answer, when the connection failed or timed out.
      const retryable =
        answer !== null
          ? shouldRetryStatus(failure.status ?? 0, answer)
          : failure.kind === 'unreachable' || failure.kind === 'timeout';
      if (!retryable) throw failure;
      if (attempt >= maxRetries) throw failure;
      try {
        await delay(retryDelayMs(attempt, answer), undefined, req.signal ? { signal: req.signal } : {});
      } catch {
        throw new ApiError({ kind: 'cancelled', message: `Cancelled: ${method.toUpperCase()} ${path} was stopped.` });
      }
    }
  }

  /** One JSON request; the answer (bare arrays included) is validated with `schema`. */
  async json<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    req: RequestOptions = {},
  ): Promise<z.output<S>> {
    const response = await this.request(method, path, req);
    return this.readJson(response, schema, this.ctx(method, path));
  }

  /** A 2xx answer's body as JSON, validated with `schema`. */
  async readJson<S extends z.ZodType>(response: HttpResponse, schema: S, ctx: ErrorContext): Promise<z.output<S>> {
    const what = `${ctx.method?.toUpperCase() ?? ''} ${ctx.path ?? ''}`;
    let text: string | null;
    try {
      text = await readText(response.body, MAX_JSON_BYTES);
    } catch (e) {
      throw toApiError(e, ctx);
    }
    if (text === null) {
      throw new ApiError({
        kind: 'invalid_response',
        status: response.status,
        message: `The server's answer to ${what} was larger than ${MAX_JSON_BYTES / 1024 ** 2} MB; fizz-batch stopped reading it.`,
      });
    }
    let data: unknown = null;
    // A 204 or an empty 200 (some servers answer a DELETE so) is "nothing", for the schema to judge.
    if (text.trim() !== '') {
      try {
        data = JSON.parse(text) as unknown;
      } catch {
        // A JSON body sent with another content type is still JSON; an HTML page usually means a wrong base URL.
        const type = response.headers.get('content-type') ?? 'no content type';
        if (/\bjson\b/i.test(type))
          throw new ApiError({
            kind: 'invalid_response',
            status: response.status,
            message: `The server's answer to ${what} was not valid JSON.`,
          });
        throw new ApiError({
          kind: 'invalid_response',
          status: response.status,
          message: `The server's answer to ${what} was not JSON (${type}). Check the base URL ${this.displayURL}; it usually ends in /v1.`,
        });
      }
    }
    try {
      return schema.parse(data) as z.output<S>;
    } catch (e) {
      throw toApiError(e, ctx);
    }
  }

  /** Sends, and follows up to five redirects; the key goes only to the base URL's own origin. */
  async #follow(method: Method, first: URL, req: RequestOptions, ctx: ErrorContext): Promise<HttpResponse> {
    let url = first;
    let verb = method.toUpperCase();
    let body = req.body;
    for (let hop = 0; ; hop++) {
      const response = await this.#sendOnce(verb, url, body, req, ctx);
      const location = response.headers.get('location');
      if (![301, 302, 303, 307, 308].includes(response.status) || location === null) return response;
      response.body.destroy();
      const next = new URL(location, url);
      if (hop >= MAX_REDIRECTS || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
        throw new ApiError({
          kind: 'invalid_response',
          status: response.status,
          message: `The server at ${this.host} redirected ${ctx.method?.toUpperCase() ?? ''} ${ctx.path ?? ''} ${hop >= MAX_REDIRECTS ? 'too many times' : 'to a URL that is not http or https'}.`,
        });
      }
      // A redirect is followed as a GET, except 307/308, which repeat the request as it was.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && verb === 'POST')) {
        verb = 'GET';
        body = undefined;
      } else if (isStream(body)) {
        throw new ApiError({
          kind: 'invalid_response',
          status: response.status,
          message: `The server at ${this.host} redirected the upload (${response.status}); the file was not sent. Check the base URL ${this.displayURL}.`,
        });
      }
      url = next;
    }
  }

  async #sendOnce(
    method: string,
    url: URL,
    body: RequestOptions['body'],
    req: RequestOptions,
    ctx: ErrorContext,
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'fizz-batch', ...req.headers };
    if (this.#apiKey && url.origin === this.#origin) headers['authorization'] = `Bearer ${this.#apiKey}`;
    let payload: string | Readable | undefined;
    if (isStream(body)) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    // One deadline for the answer's headers; the caller's signal keeps working on the body.
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    const stop = new AbortController();
    const onCallerAbort = () => stop.abort(req.signal?.reason);
    if (req.signal?.aborted) onCallerAbort();
    else req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stop.abort();
    }, timeoutMs);
    try {
      const response = await this.#send({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
        signal: stop.signal,
      });
      response.body.once('close', () => req.signal?.removeEventListener('abort', onCallerAbort));
      return response;
    } catch (e) {
      req.signal?.removeEventListener('abort', onCallerAbort);
      if (timedOut) {
        throw new ApiError({
          kind: 'timeout',
          message: `No answer from ${this.host} within ${formatDuration(timeoutMs)} (${describeRequest(ctx)}).`,
        });
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }
}

function isStream(body: RequestOptions['body']): body is Readable {
  return typeof (body as Readable | undefined)?.pipe === 'function';
}
