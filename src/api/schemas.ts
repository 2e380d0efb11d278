// Wire schemas for OpenAI-compatible Batch APIs.
//
// Providers disagree on almost every detail: numeric-string or ISO
// timestamps, upper-case or invented statuses, `errors` as null / [] / {data}, bare-array lists,
// missing `has_more`, missing `request_counts`, `/chat/completions` without `/v1`, output bodies given
// as JSON strings. Every schema here accepts those variants and transforms them into ONE internal
// shape, so nothing above this file ever sees a provider quirk. Unknown keys are dropped (zod's
// default for z.object).
import * as z from 'zod';
import { TERMINAL_STATUSES, ACTIVE_STATUSES } from './statuses.js';
import { sanitizeLine, sanitizeLineOrNull, terminalSafeJson } from './text.js';

// ---------------------------------------------------------------------------------------------
// Internal shapes (what the rest of fizz-batch consumes)
// ---------------------------------------------------------------------------------------------

export type StatusClass = 'active' | 'terminal' | 'unknown';

export interface BatchError {
  code: string | null;
  message: string | null;
  param: string | null;
  /** 1-based line of the input file, when the server names one. */
  line: number | null;
}

export interface RequestCounts {
  total: number;
  completed: number;
  failed: number;
  /** Set when a count the server sent was not a number at all (it is 0 here), e.g. `completed is "abc", not a number`. */
  problem?: string;
}

export interface BatchUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cachedTokens?: number;
  reasoningTokens?: number;
}

export interface Batch {
  id: string;
  object?: string;
  /** Always with the `/v1` prefix: `/chat/completions` becomes `/v1/chat/completions`. */
  endpoint: string;
  model: string | null;
  /** Lower-cased, otherwise exactly as the server sent it (e.g. `pre_schedule`). */
  status: string;
  statusClass: StatusClass;
  inputFileId: string | null;
  outputFileId: string | null;
  errorFileId: string | null;
  completionWindow: string | null;
  /** Unix seconds. */
  createdAt: number | null;
  inProgressAt: number | null;
  expiresAt: number | null;
  finalizingAt: number | null;
  completedAt: number | null;
  failedAt: number | null;
  expiredAt: number | null;
  cancellingAt: number | null;
  cancelledAt: number | null;
  requestCounts: RequestCounts;
  errors: BatchError[];
  metadata: Record<string, string>;
  usage: BatchUsage | null;
  /**
   * What the server got wrong in this job and was repaired to show it at all, e.g. "status is
   * missing" or "errors[0] is null, not an error": the row gets a ⚠ and the detail says it.
   */
  problem?: string;
  /**
   * What the provider sent for this object, as parsed JSON and NOT sanitized: only when the call
   * asked for it (`keepRaw`, for `--json --raw`), never by default.
   */
  raw?: unknown;
}

export interface FileObject {
  id: string;
  bytes: number | null;
  createdAt: number | null;
  filename: string;
  /** `batch-output` (DeepInfra) is normalized to `batch_output`. */
  purpose: string;
  status: string | null;
  expiresAt: number | null;
  /** As Batch.raw: the provider's object, only when asked. */
  raw?: unknown;
}

export interface Model {
  id: string;
  createdAt: number | null;
  ownedBy: string | null;
  /** As Batch.raw: the provider's object, only when asked. */
  raw?: unknown;
}

export interface Page<T> {
  items: T[];
  hasMore: boolean;
  /** The id to pass as `after` for the next page; null when there is no next page. */
  nextCursor: string | null;
  /** Items of this page that could not be read at all (no id): left out, counted, the first reason kept. */
  unreadable?: { count: number; reason: string };
}

export interface DeletedFile {
  id: string;
  deleted: boolean;
}

export interface ResultLineError {
  code: string | null;
  message: string | null;
}

export interface ResultLine {
  id: string | null;
  customId: string | null;
  statusCode: number | null;
  requestId: string | null;
  /** The response body, parsed when the server sent it as a JSON string (llama-stack does). */
  body: unknown;
  error: ResultLineError | null;
}

// ---------------------------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------------------------

export { ACTIVE_STATUSES, TERMINAL_STATUSES } from './statuses.js';

/** Anything not in OpenAI's eight (e.g. kluster's `pre_schedule`) is 'unknown', i.e. NOT terminal: keep polling. */
export function classifyStatus(status: string): StatusClass {
  const s = status.toLowerCase();
  if (TERMINAL_STATUSES.includes(s)) return 'terminal';
  if (ACTIVE_STATUSES.includes(s)) return 'active';
  return 'unknown';
}

export function isTerminal(batch: Pick<Batch, 'statusClass'>): boolean {
  return batch.statusClass === 'terminal';
}

// ---------------------------------------------------------------------------------------------
// Scalar coercions. Each is total (never throws) unless noted: a field we only display must not
// make a whole list unreadable.
// ---------------------------------------------------------------------------------------------

const NUMERIC = /^[-+]?\d+(\.\d+)?$/;

/** 9999-12-31T23:59:59Z: past it a time has no date a person can read (JS dates end in 275760). */
const lastReadableSecond = 253_402_300_799;

function secondsFromNumber(n: number): number | null {
  // 0 and negatives are "unset" in the wild (Go zero values); showing 1970 would be a wrong display.
  if (!Number.isFinite(n) || n <= 0) return null;
  // 1e12 s is the year 33658, 1e12 ms is 2001: anything larger is milliseconds.
  const seconds = Math.floor(n > 1e12 ? n / 1000 : n);
  return seconds <= lastReadableSecond ? seconds : null;
}

/** Unix seconds from an integer, a numeric string, an ISO 8601 string, ms, null or absent. */
export function toUnixSeconds(value: unknown): number | null {
  if (typeof value === 'number') return secondsFromNumber(value);
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '') return null;
  if (NUMERIC.test(s)) return secondsFromNumber(Number(s));
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? secondsFromNumber(ms) : null;
}

function toNumberOrNull(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim());
  return null;
}

function toStringOrNull(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const timestamp = z.unknown().optional().transform(toUnixSeconds);
// Every string a server sends passes the one sanitizer here (see text.ts): nothing above this
// file has to wonder whether a field may carry an escape sequence.
const optString = z
  .unknown()
  .optional()
  .transform((v) => sanitizeLineOrNull(toStringOrNull(v)));
const optNumber = z.unknown().optional().transform(toNumberOrNull);

const id = z.string().min(1).transform(sanitizeLine);

/** `/chat/completions` → `/v1/chat/completions` (Azure); `chat/completions` → `/v1/chat/completions`. */
export function normalizeEndpoint(endpoint: string): string {
  const e = endpoint.trim();
  if (e === '' || /^[a-z]+:\/\//i.test(e)) return e;
  const withSlash = e.startsWith('/') ? e : `/${e}`;
  return withSlash.startsWith('/v1/') ? withSlash : `/v1${withSlash}`;
}

/** `batch-output` → `batch_output` (DeepInfra uses the hyphen). */
export function normalizePurpose(purpose: string): string {
  return purpose === 'batch-output' ? 'batch_output' : purpose;
}

// ---------------------------------------------------------------------------------------------
// Batch
// ---------------------------------------------------------------------------------------------

const batchErrorSchema = z
  .preprocess(
    (v) => (typeof v === 'string' ? { message: v } : v),
    z.object({
      code: optString,
      message: optString,
      param: optString,
      line: optNumber,
    }),
  )
  .transform((e): BatchError => ({ code: e.code, message: e.message, param: e.param, line: e.line }));

interface ParsedErrors {
  list: BatchError[];
  /** Entries that were not errors at all (null, a number): left out and named here. */
  problems: string[];
}

/**
 * `errors` as null, [], [..], {object:'list', data:[..]}, {data:null}, a single object or a string.
 * An entry that is no error at all (null, a number, an array) is left out and named, so one bad
 * entry costs neither the other errors nor the job.
 */
const batchErrorsSchema = z
  .unknown()
  .optional()
  .transform((v): ParsedErrors => {
    let entries: unknown[];
    if (v === null || v === undefined) entries = [];
    else if (Array.isArray(v)) entries = v;
    else if (isRecord(v))
      entries =
        'data' in v ? (Array.isArray(v.data) ? v.data : v.data === null || v.data === undefined ? [] : [v.data]) : [v];
    else if (typeof v === 'string') entries = v === '' ? [] : [v];
    else return { list: [], problems: [`errors is ${describeValue(v)}, not a list`] };
    const list: BatchError[] = [];
    const problems: string[] = [];
    entries.forEach((entry, i) => {
      const parsed = isRecord(entry) || typeof entry === 'string' ? batchErrorSchema.safeParse(entry) : null;
      if (parsed?.success) list.push(parsed.data);
      else problems.push(`errors[${i}] is ${describeValue(entry)}, not an error`);
    });
    return { list, problems };
  });

/**
 * Request counts: numbers or numeric strings, shown as given (negative, fractional or inconsistent
 * ones too; the UI names what is impossible). null or absent is 0. Anything else is 0 with the
 * reason kept, so one odd job neither hides the whole list nor shows NaN.
 */
const requestCountsSchema = z
  .unknown()
  .optional()
  .transform((v): RequestCounts => {
    const raw = isRecord(v) ? v : {};
    const problems: string[] = [];
    const read = (name: 'total' | 'completed' | 'failed'): number => {
      const value = raw[name];
      if (value === null || value === undefined) return 0;
      const n = toNumberOrNull(value);
      if (n !== null) return n;
      const what =
        typeof value === 'string'
          ? terminalSafeJson(value.slice(0, 20))
          : typeof value === 'number'
            ? String(value)
            : describeValue(value);
      problems.push(`${name} is ${what}, not a number`);
      return 0;
    };
    const counts: RequestCounts = { total: read('total'), completed: read('completed'), failed: read('failed') };
    if (v !== null && v !== undefined && !isRecord(v))
      problems.unshift(`request_counts is ${describeValue(v)}, not an object`);
    if (problems.length > 0) counts.problem = problems.join('; ');
    return counts;
  });

const usageSchema = z
  .unknown()
  .optional()
  .transform((v): BatchUsage | null => {
    if (!isRecord(v)) return null;
    const input = toNumberOrNull(v.input_tokens) ?? toNumberOrNull(v.prompt_tokens);
    const output = toNumberOrNull(v.output_tokens) ?? toNumberOrNull(v.completion_tokens);
    const total = toNumberOrNull(v.total_tokens);
    if (input === null && output === null && total === null) return null;
    const usage: BatchUsage = {
      inputTokens: input ?? 0,
      outputTokens: output ?? 0,
      totalTokens: total ?? (input ?? 0) + (output ?? 0),
    };
    const inDetails = isRecord(v.input_tokens_details)
      ? v.input_tokens_details
      : isRecord(v.prompt_tokens_details)
        ? v.prompt_tokens_details
        : undefined;
    const outDetails = isRecord(v.output_tokens_details)
      ? v.output_tokens_details
      : isRecord(v.completion_tokens_details)
        ? v.completion_tokens_details
        : undefined;
    const cached = toNumberOrNull(inDetails?.cached_tokens);
    const reasoning = toNumberOrNull(outDetails?.reasoning_tokens);
    if (cached !== null) usage.cachedTokens = cached;
    if (reasoning !== null) usage.reasoningTokens = reasoning;
    return usage;
  });

/** map<string,string> by contract; tolerate null and non-string values (stringified). */
const metadataSchema = z
  .unknown()
  .optional()
  .transform((v): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!isRecord(v)) return out;
    for (const [key, value] of Object.entries(v)) {
      if (value === null || value === undefined) continue;
      out[sanitizeLine(key)] = sanitizeLine(typeof value === 'string' ? value : JSON.stringify(value));
    }
    return out;
  });

const batchWire = z.object({
  id,
  object: optString,
  endpoint: optString,
  model: optString,
  model_id: optString, // Together
  status: optString,
  input_file_id: optString,
  output_file_id: optString,
  error_file_id: optString,
  completion_window: optString,
  created_at: timestamp,
  in_progress_at: timestamp,
  expires_at: timestamp,
  finalizing_at: timestamp,
  completed_at: timestamp,
  failed_at: timestamp,
  expired_at: timestamp,
  cancelling_at: timestamp,
  cancelled_at: timestamp,
  request_counts: requestCountsSchema,
  errors: batchErrorsSchema,
  error: optString, // Together: one error string instead of `errors`
  metadata: metadataSchema,
  usage: usageSchema,
});

export const BatchSchema = z
  // Together wraps the created batch: {job: {...}, warning}.
  .preprocess((v) => (isRecord(v) && !('id' in v) && isRecord(v.job) ? v.job : v), batchWire)
  .transform((b): Batch => {
    // A job without a status is still a job the user may need to see and cancel: "unknown" keeps
    // it polled (not terminal) and the ⚠ says why.
    const problems = [
      ...(b.status === null || b.status.trim() === '' ? ['status is missing'] : []),
      ...b.errors.problems,
    ];
    const status = (b.status ?? '').trim().toLowerCase() || 'unknown';
    const errors =
      b.errors.list.length === 0 && b.error
        ? [{ code: null, message: b.error, param: null, line: null }]
        : b.errors.list;
    const batch: Batch = {
      id: b.id,
      endpoint: normalizeEndpoint(b.endpoint ?? ''),
      model: b.model ?? b.model_id,
      status,
      statusClass: classifyStatus(status),
      inputFileId: b.input_file_id,
      outputFileId: b.output_file_id,
      errorFileId: b.error_file_id,
      completionWindow: b.completion_window,
      createdAt: b.created_at,
      inProgressAt: b.in_progress_at,
      expiresAt: b.expires_at,
      finalizingAt: b.finalizing_at,
      completedAt: b.completed_at,
      failedAt: b.failed_at,
      expiredAt: b.expired_at,
      cancellingAt: b.cancelling_at,
      cancelledAt: b.cancelled_at,
      requestCounts: b.request_counts,
      errors,
      metadata: b.metadata,
      usage: b.usage,
    };
    if (b.object) batch.object = b.object;
    if (problems.length > 0) batch.problem = problems.join('; ');
    return batch;
  });

// ---------------------------------------------------------------------------------------------
// Files and models
// ---------------------------------------------------------------------------------------------

export const FileObjectSchema = z
  .object({
    id,
    bytes: optNumber,
    created_at: timestamp,
    filename: optString,
    purpose: optString,
    status: optString, // kluster and others omit it
    expires_at: timestamp,
  })
  .transform((f): FileObject => ({
    id: f.id,
    bytes: f.bytes,
    createdAt: f.created_at,
    filename: f.filename ?? '',
    purpose: normalizePurpose(f.purpose ?? ''),
    status: f.status,
    expiresAt: f.expires_at,
  }));

export const ModelSchema = z
  .object({ id, created: timestamp, created_at: timestamp, owned_by: optString })
  .transform((m): Model => ({ id: m.id, createdAt: m.created ?? m.created_at, ownedBy: m.owned_by }));

/** DELETE /files/{id}. Some servers answer 204 with no body: the deletion still happened. */
export function deletedFileSchema(requestedId: string) {
  return z
    .preprocess(
      (v) => (v === null || v === undefined || v === '' ? {} : v),
      z.object({ id: optString, deleted: z.unknown().optional() }),
    )
    .transform((d): DeletedFile => ({ id: d.id ?? requestedId, deleted: d.deleted !== false }));
}

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

/**
 * `{object:'list', data, has_more?, first_id?, last_id?, count?, page?, ...}` or a bare array
 * (Together). `has_more` absent means there is no next page (Groq sends none). A bare array is
 * wrapped as `{data}` first, so a mismatch is reported as `data[3].id` either way.
 */
export function pageSchema<S extends z.ZodType<{ id: string }>>(item: S) {
  return z
    .preprocess(
      (v) => {
        if (Array.isArray(v)) return { data: v };
        // {object:'list'} with data null or omitted (Go's omitempty) is an empty list; any other
        // object without data is not a list at all.
        if (isRecord(v) && v.object === 'list' && (v.data === null || v.data === undefined)) return { ...v, data: [] };
        return v;
      },
      z.object({ data: z.array(z.unknown()), has_more: z.unknown().optional() }),
    )
    .transform((p): Page<z.output<S>> => {
      // Item by item: one item the server got wrong must not cost the user the whole list.
      const items: z.output<S>[] = [];
      let unreadable: Page<z.output<S>>['unreadable'];
      p.data.forEach((raw, i) => {
        const parsed = item.safeParse(raw);
        if (parsed.success) items.push(parsed.data);
        else
          unreadable = {
            count: (unreadable?.count ?? 0) + 1,
            reason: unreadable?.reason ?? describeZodError(parsed.error, ['data', i]),
          };
      });
      const hasMore = (p.has_more === true || p.has_more === 'true') && p.data.length > 0;
      const last = items[items.length - 1];
      const page: Page<z.output<S>> = { items, hasMore, nextCursor: hasMore && last ? last.id : null };
      if (unreadable) page.unreadable = unreadable;
      return page;
    });
}

export const BatchPageSchema = pageSchema(BatchSchema);
export const FilePageSchema = pageSchema(FileObjectSchema);
export const ModelPageSchema = pageSchema(ModelSchema);

// ---------------------------------------------------------------------------------------------
// Output / error file lines
// ---------------------------------------------------------------------------------------------

function parseMaybeJson(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** `error` absent, null, {code, message} (or llama-stack's {type, message}), or a bare string (vLLM). */
function toLineError(value: unknown): ResultLineError | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : { code: null, message: sanitizeLine(value) };
  if (isRecord(value)) {
    const code = toStringOrNull(value.code) ?? toStringOrNull(value.type);
    const message =
      toStringOrNull(value.message) ?? (isRecord(value.error) ? toStringOrNull(value.error.message) : null);
    return { code: sanitizeLineOrNull(code), message: sanitizeLineOrNull(message) };
  }
  return { code: null, message: sanitizeLine(JSON.stringify(value)) };
}

export const ResultLineSchema = z
  .object({
    id: optString,
    custom_id: optString,
    response: z.unknown().optional(),
    error: z.unknown().optional(),
  })
  .transform((l): ResultLine => {
    const response = isRecord(l.response) ? l.response : null;
    return {
      id: l.id,
      customId: l.custom_id,
      statusCode: response ? toNumberOrNull(response.status_code) : null,
      requestId: response ? sanitizeLineOrNull(toStringOrNull(response.request_id)) : null,
      body: response ? parseMaybeJson(response.body) : null,
      error: toLineError(l.error),
    };
  });

export type ParsedResultLine = { ok: true; line: ResultLine } | { ok: false; reason: string };

/** Parse one line of an output or error file. Never throws. */
export function parseResultLine(text: string): ParsedResultLine {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty line' };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (e) {
    return { ok: false, reason: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!isRecord(json)) return { ok: false, reason: `expected a JSON object, got ${describeValue(json)}` };
  const parsed = ResultLineSchema.safeParse(json);
  return parsed.success ? { ok: true, line: parsed.data } : { ok: false, reason: describeZodError(parsed.error) };
}

/**
 * The error of a result line, wherever the provider put it: the `error` key, or (OpenAI's error
 * file for HTTP failures) `response.body.error` with `status_code` ≥ 400.
 */
export function resultLineError(line: ResultLine): ResultLineError | null {
  if (line.error) return line.error;
  if (line.statusCode !== null && line.statusCode >= 400) {
    const inner = isRecord(line.body) ? line.body.error : line.body;
    return toLineError(inner) ?? { code: String(line.statusCode), message: null };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Readable validation errors: "data[3].id: expected string, got number"
// ---------------------------------------------------------------------------------------------

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(root)' : out;
}

function describeIssue(issue: z.core.$ZodIssue, at: readonly PropertyKey[]): string {
  const where = formatPath([...at, ...issue.path]);
  if (issue.code === 'invalid_type') {
    const received = /received (\w+)/.exec(issue.message)?.[1];
    if (received === 'undefined') return `${where}: expected ${issue.expected}, but it is missing`;
    return `${where}: expected ${issue.expected}${received ? `, got ${received}` : ''}`;
  }
  return `${where}: ${issue.message}`;
}

/** The first problem (and how many more), worded for a person; `at`: where the parsed value sits in a larger one. */
export function describeZodError(error: z.ZodError, at: readonly PropertyKey[] = []): string {
  const [first, ...rest] = error.issues;
  if (!first) return 'unexpected shape';
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  return describeIssue(first, at) + more;
}
