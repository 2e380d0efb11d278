// How fizz-batch talks HTTP: one configured openai SDK instance plus a JSON helper that validates
// every answer with zod and turns every failure into an ApiError naming the request.
import OpenAI from 'openai';
import type { z } from 'zod';
import { ApiError, registerSecret, rememberErrorBody, toApiError, type ErrorContext } from './errors.js';
import { streamingUploadFetch } from './stream-fetch.js';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface BatchClientOptions {
  /** E.g. `https://api.fizz.ai/v1` (with the `/v1`, as the SDK expects). */
  baseURL: string;
  /** Empty or absent for servers without auth (a dummy key is sent: the SDK insists on one). */
  apiKey?: string | null;
  /** Per request, until the response headers arrive. Default 60 s. */
  timeoutMs?: number;
  /** SDK retries for idempotent calls (connection errors, 408, 409, 429, 5xx). Default 2. */
  maxRetries?: number;
  fetch?: FetchLike;
  /** Only used in messages ("Check the key of profile …"). */
  profile?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

type Method = 'get' | 'post' | 'delete';

export interface JsonRequest extends CallOptions {
  query?: Record<string, string | number | undefined>;
  body?: Record<string, unknown>;
  maxRetries?: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

export class Transport {
  readonly sdk: OpenAI;
  readonly baseURL: string;
  /** For messages: `api.fizz.ai`, never the key or the path. */
  readonly host: string;
  /** The base URL without credentials or query, for messages. */
  readonly displayURL: string;
  readonly timeoutMs: number;
  readonly #profile: string | undefined;

  constructor(options: BatchClientOptions) {
    // Registered first, so that even the invalid-URL message below cannot carry the key.
    const givenKey = options.apiKey?.trim();
    registerSecret(givenKey);
    const apiKey = givenKey || 'no-key';
    const baseURL = options.baseURL.trim();
    let url: URL;
    try {
      url = new URL(baseURL);
    } catch {
      throw new ApiError({ kind: 'bad_request', message: `The base URL "${baseURL}" is not a valid URL (expected e.g. https://api.fizz.ai/v1).` });
    }
    this.baseURL = baseURL;
    this.host = url.host;
    this.displayURL = `${url.origin}${url.pathname}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#profile = options.profile;
    // An injected fetch sees every request; the default one streams uploads via node:http.
    const baseFetch: FetchLike = options.fetch ?? streamingUploadFetch((input, init) => globalThis.fetch(input, init));
    this.sdk = new OpenAI({
      // Everything explicit, so no stray OPENAI_* variable (key, base URL, org, project, log level)
      // ever applies to a fizz-batch profile.
      apiKey,
      baseURL,
      organization: null,
      project: null,
      adminAPIKey: null,
      webhookSecret: null,
      logLevel: 'off',
      maxRetries: options.maxRetries ?? 2,
      timeout: this.timeoutMs,
      fetch: captureErrorBodies(baseFetch),
      defaultHeaders: neutralizeEnvHeaders(apiKey),
    });
  }

  ctx(method: string, path: string): ErrorContext {
    return { baseURL: this.baseURL, method, path, timeoutMs: this.timeoutMs, ...(this.#profile ? { profile: this.#profile } : {}) };
  }

  /** One JSON request; the raw answer (bare arrays included) is validated with `schema`. */
  async json<S extends z.ZodType>(method: Method, path: string, schema: S, req: JsonRequest = {}): Promise<z.output<S>> {
    const ctx = this.ctx(method, path);
    try {
      const query = req.query ? Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== undefined)) : undefined;
      const { data, response } = await this.sdk[method]<unknown>(path, {
        ...(query ? { query } : {}),
        ...(req.body ? { body: req.body } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
        ...(req.maxRetries !== undefined ? { maxRetries: req.maxRetries } : {}),
      }).withResponse();
      const raw = typeof data === 'string' ? parseTextBody(data, response, ctx, this.displayURL) : data;
      return schema.parse(raw) as z.output<S>;
    } catch (e) {
      throw toApiError(e, ctx);
    }
  }
}

/** A JSON body sent with a non-JSON content type is still JSON; an HTML page usually means a wrong base URL. */
function parseTextBody(text: string, response: Response, ctx: ErrorContext, displayURL: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new ApiError({
      kind: 'invalid_response',
      status: response.status,
      message: `The server's answer to ${ctx.method?.toUpperCase() ?? ''} ${ctx.path ?? ''} was not JSON (${type}). Check the base URL ${displayURL}; it usually ends in /v1.`,
    });
  }
}

/** The SDK keeps only `body.error`; keep the whole (small) error body so messages can quote `detail` etc. */
function captureErrorBodies(base: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await base(input, init);
    if (response.status >= 400 && response.body) {
      try {
        rememberErrorBody(response.headers, await response.clone().text());
      } catch {
        // The SDK reports the failure from the original response.
      }
    }
    return response;
  };
}

/**
 * The SDK merges headers from OPENAI_CUSTOM_HEADERS into every request. Such a header (an
 * Authorization for api.openai.com, an OpenAI-Organization) must never reach another provider's
 * host, so each one named there is removed again, and Authorization is restated with the profile's key.
 */
function neutralizeEnvHeaders(apiKey: string): Record<string, string | null> | undefined {
  const raw = process.env['OPENAI_CUSTOM_HEADERS'];
  if (!raw) return undefined;
  const headers: Record<string, string | null> = {};
  for (const line of raw.split('\n')) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) headers[name.toLowerCase()] = null;
  }
  headers['authorization'] = `Bearer ${apiKey}`;
  return headers;
}
