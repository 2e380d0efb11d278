// Wire schemas for OpenAI-compatible Batch APIs.
//
// Providers disagree on almost every detail: numeric-string or ISO
// timestamps, upper-case or invented statuses, `errors` as null / [] / {data}, bare-array lists,
// missing `has_more`, missing `request_counts`, `/chat/completions` without `/v1`, output bodies given
// as JSON strings. Every schema here accepts those variants and transforms them into ONE internal
// shape, so nothing above this file ever sees a provider quirk. Unknown keys are dropped (zod's
// default for z.object).
import * as z from 'zod';
import { sanitizeLine, terminalSafeJson } from '../text.js';
import {
  classifyStatus,
  id,
  isRecord,
  normalizeEndpoint,
  optNumber,
  optString,
  timestamp,
  toNumberOrNull,
} from './coerce.js';
import type { Batch, BatchError, BatchUsage, RequestCounts } from './shapes.js';
import { describeValue } from './zod-errors.js';
import { formatCount } from '../counts.js';

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
/** The most errors kept of one job (see batchErrorsSchema). */
export const MAX_KEPT_ERRORS = 1000;

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
    // Each job of a list is kept for as long as the console runs: a server's list of a million
    // validation errors must not become a million objects per poll. The first ones say what is wrong.
    if (entries.length > MAX_KEPT_ERRORS) {
      problems.push(
        `errors has ${formatCount(entries.length)} entries; the first ${formatCount(MAX_KEPT_ERRORS)} are kept`,
      );
      entries = entries.slice(0, MAX_KEPT_ERRORS);
    }
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
