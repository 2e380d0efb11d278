// The API client's error set: every failure leaves src/api as an ApiError with a `kind` the UI can
// switch on and a message a person can act on. Messages never contain an API key: the constructor
// runs every message through redact(), so no code path can forget to.
import * as z from 'zod';
import type { HeaderReader } from './http.js';
import { describeZodError } from './schemas/zod-errors.js';
import { isRecord } from './schemas/coerce.js';
import { redact } from './redact.js';
import { sanitizeLine } from './text.js';
import { messageOf } from './message-of.js';

export type ApiErrorKind =
  | 'auth'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'server'
  | 'unreachable'
  | 'timeout'
  | 'invalid_response'
  | 'bad_request'
  | 'cancelled';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  status?: number;
  requestId?: string;
  retryAfterMs?: number;
  code?: string;
  param?: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly code?: string;
  readonly param?: string;

  constructor(init: ApiErrorInit) {
    // Sanitized before redaction: a key split by zero-width characters is whole again when redact() looks.
    super(redact(sanitizeLine(init.message)));
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.requestId) this.requestId = sanitizeLine(init.requestId);
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.code) this.code = redact(sanitizeLine(init.code));
    if (init.param) this.param = sanitizeLine(init.param);
  }

  /** Worth trying again later without changing anything (what a poller should do). */
  get retryable(): boolean {
    return (
      this.kind === 'rate_limited' || this.kind === 'server' || this.kind === 'unreachable' || this.kind === 'timeout'
    );
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export { maskKey, redact, registerSecret } from './redact.js';

// ---------------------------------------------------------------------------------------------
// Conversion
// ---------------------------------------------------------------------------------------------

export interface ErrorContext {
  /** The client's base URL; messages name its host, never the key. */
  baseURL?: string;
  method?: string;
  /** Path relative to the base URL, e.g. `/batches/batch_abc`. */
  path?: string;
  /** Profile name, for "Check the key of profile …". */
  profile?: string;
  /** Extra strings to scrub (the client's key is registered already). */
  secrets?: readonly string[];
  timeoutMs?: number;
}

/** `retry-after-ms` (ms), then `retry-after` (seconds or an HTTP date). Undefined when absent or unreadable. */
export function parseRetryAfter(
  headers: HeaderReader | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Math.round(Number(ms)));
  const ra = headers.get('retry-after');
  if (ra === null || ra.trim() === '') return undefined;
  if (Number.isFinite(Number(ra))) return Math.max(0, Math.round(Number(ra) * 1000));
  const date = Date.parse(ra);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function messageFromBody(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  if (!isRecord(body)) return undefined;
  for (const key of ['message', 'detail', 'error', 'msg', 'error_description']) {
    const value = body[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (isRecord(value)) {
      const inner = messageFromBody(value);
      if (inner) return inner;
    }
    if (Array.isArray(value)) {
      const parts = value.map((v) => messageFromBody(v)).filter((v): v is string => Boolean(v));
      if (parts.length > 0) return parts.join('; ');
    }
  }
  return undefined;
}

/** What the server said about the error, in its own words, if anything readable. */
function serverMessage(errorObject: unknown, parsed: unknown, raw: string): string | undefined {
  const fromError = messageFromBody(errorObject);
  if (fromError) return fromError;
  // HTML error pages from proxies are not worth showing.
  if (parsed === undefined && (/^\s*</.test(raw) || raw.length > 300)) return undefined;
  return messageFromBody(parsed ?? raw);
}

/** `api.fizz.ai` (host) or `https://api.fizz.ai` (origin) of the base URL; never its path or query. */
function urlPart(baseURL: string | undefined, part: 'host' | 'origin'): string {
  if (!baseURL) return 'the server';
  try {
    return new URL(baseURL)[part];
  } catch {
    return 'the server';
  }
}

/** `12s`, or `250ms` below a second (so a short test deadline does not read "0s"). */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${Math.round(ms / 1000)}s`;
}

const hostOf = (baseURL: string | undefined): string => urlPart(baseURL, 'host');
const originOf = (baseURL: string | undefined): string => urlPart(baseURL, 'origin');

export function describeRequest(ctx: ErrorContext): string {
  return ctx.method && ctx.path ? `${ctx.method.toUpperCase()} ${ctx.path}` : 'the request';
}

/** The first errno-like code (ECONNREFUSED, UND_ERR_SOCKET, …) anywhere in the cause chain. */
export function findErrorCode(e: unknown, depth = 0): string | undefined {
  if (depth > 6 || typeof e !== 'object' || e === null) return undefined;
  const rec = e as Record<string, unknown>;
  if (typeof rec.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(rec.code)) return rec.code;
  if (Array.isArray(rec.errors)) {
    for (const inner of rec.errors) {
      const code = findErrorCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return findErrorCode(rec.cause, depth + 1);
}

const LOST_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_CLOSED']);

function unreachable(ctx: ErrorContext, code: string | undefined, detail?: string): ApiError {
  const origin = originOf(ctx.baseURL);
  let message: string;
  if (code && LOST_CONNECTION.has(code)) message = `The connection to ${origin} was lost (${code}).`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    message = `Cannot reach ${origin}: the host name does not resolve (${code}).`;
  else if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code))
    message = `Cannot reach ${origin}: its TLS certificate was refused (${code}).`;
  else message = `Cannot reach ${origin} (${code ?? detail ?? 'connection failed'}).`;
  return new ApiError({ kind: 'unreachable', message, ...(code ? { code } : {}) });
}

function isAbortLike(e: unknown): boolean {
  return (e instanceof Error || isRecord(e)) && (e as { name?: unknown }).name === 'AbortError';
}

/**
 * The ApiError for an answer with a failing status: its kind from the status, its message from
 * what the server said (`error.message`, FastAPI's `detail`, a plain `message`…) in the body text.
 */
export function statusError(status: number, headers: HeaderReader, text: string, ctx: ErrorContext): ApiError {
  const host = hostOf(ctx.baseURL);
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    parsed = undefined;
  }
  const errorObject = isRecord(parsed) ? parsed['error'] : undefined;
  const code = isRecord(errorObject) ? errorObject['code'] : undefined;
  const param = isRecord(errorObject) ? errorObject['param'] : undefined;
  const requestId = headers.get('x-request-id');
  const said = serverMessage(errorObject, parsed, text.slice(0, 4096));
  const base = {
    status,
    ...(requestId ? { requestId } : {}),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof param === 'string' ? { param } : {}),
  };
  const detail = said ? `: ${said}` : '.';
  if (status === 401) {
    const check = ctx.profile
      ? `Check the key of profile "${ctx.profile}".`
      : 'Check the API key configured for this server.';
    return new ApiError({
      ...base,
      kind: 'auth',
      message: `The server at ${host} refused the API key (401). ${check}`,
    });
  }
  if (status === 403) {
    return new ApiError({
      ...base,
      kind: 'auth',
      message: `The server at ${host} denied access (403)${detail} Check that the key may use the Batch API.`,
    });
  }
  if (status === 404) {
    return new ApiError({
      ...base,
      kind: 'not_found',
      message: `Not found (404) at ${host}: ${describeRequest(ctx)}${said ? ` — ${said}` : ''}`,
    });
  }
  if (status === 409) {
    return new ApiError({
      ...base,
      kind: 'conflict',
      message:
        said ?? `The server at ${host} refused ${describeRequest(ctx)} because of the object's current state (409).`,
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers);
    const when =
      retryAfterMs !== undefined ? `retry in ${Math.max(1, Math.ceil(retryAfterMs / 1000))}s` : 'retry in a moment';
    return new ApiError({
      ...base,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      kind: 'rate_limited',
      message: `The server at ${host} is rate limiting requests (429)${said ? ` (${said})` : ''}; ${when}.`,
    });
  }
  // Pollers retry reads; a create or cancel is never re-sent behind the user's back.
  const next = !ctx.method || ctx.method.toLowerCase() === 'get' ? 'It will be retried.' : 'Try again in a moment.';
  if (status === 408 || status === 504) {
    return new ApiError({ ...base, kind: 'timeout', message: `The server at ${host} timed out (${status}). ${next}` });
  }
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(headers);
    return new ApiError({
      ...base,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      kind: 'server',
      message: `The server had an error (${status})${said ? ` (${said})` : ''}. ${next}`,
    });
  }
  const named = typeof param === 'string' && param ? ` (parameter: ${param})` : '';
  return new ApiError({
    ...base,
    kind: 'bad_request',
    message: `The server at ${host} rejected ${describeRequest(ctx)} (${status})${said ? `: ${said}` : ''}${named}.`,
  });
}

/**
 * Convert anything thrown below the API layer (zod errors, node errors, aborts)
 * into an ApiError. ApiErrors pass through (scrubbed of ctx.secrets).
 */
export function toApiError(e: unknown, ctx: ErrorContext = {}): ApiError {
  const err = convert(e, ctx);
  const secrets = ctx.secrets ?? [];
  if (secrets.length === 0) return err;
  const message = redact(err.message, secrets);
  return message === err.message ? err : new ApiError({ ...initOf(err), message });
}

function convert(e: unknown, ctx: ErrorContext): ApiError {
  if (e instanceof ApiError) return e;
  if (isAbortLike(e)) {
    return new ApiError({ kind: 'cancelled', message: `Cancelled: ${describeRequest(ctx)} was stopped.` });
  }
  if (e instanceof z.ZodError) {
    return new ApiError({
      kind: 'invalid_response',
      message: `The server's answer to ${describeRequest(ctx)} did not match what fizz-batch expects: ${describeZodError(e)}`,
    });
  }
  if (e instanceof SyntaxError) {
    return new ApiError({
      kind: 'invalid_response',
      message: `The server's answer to ${describeRequest(ctx)} was not valid JSON.`,
    });
  }
  const code = findErrorCode(e);
  if (
    code &&
    (LOST_CONNECTION.has(code) ||
      /^E(CONN|HOST|NET|TIMEDOUT|AI_AGAIN|NOTFOUND)/.test(code) ||
      code.startsWith('UND_ERR'))
  ) {
    return unreachable(ctx, code);
  }
  // fetch's body reader reports a dropped connection as TypeError('terminated').
  if (e instanceof TypeError && /terminated|fetch failed/i.test(e.message))
    return unreachable(ctx, code, 'connection lost');
  const text = messageOf(e);
  return new ApiError({
    kind: 'bad_request',
    message: `fizz-batch could not complete ${describeRequest(ctx)}: ${text}`,
    ...(code ? { code } : {}),
  });
}

function initOf(err: ApiError): ApiErrorInit {
  return {
    kind: err.kind,
    message: err.message,
    ...(err.status !== undefined ? { status: err.status } : {}),
    ...(err.requestId ? { requestId: err.requestId } : {}),
    ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
    ...(err.code ? { code: err.code } : {}),
    ...(err.param ? { param: err.param } : {}),
  };
}
