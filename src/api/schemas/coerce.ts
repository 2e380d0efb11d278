import * as z from 'zod';
import { ACTIVE_STATUSES, TERMINAL_STATUSES } from '../statuses.js';
import { sanitizeLine, sanitizeLineOrNull } from '../text.js';
import type { Batch, StatusClass } from './shapes.js';

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

export function toNumberOrNull(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim());
  return null;
}

export function toStringOrNull(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const timestamp = z.unknown().optional().transform(toUnixSeconds);
// Every string a server sends passes the one sanitizer here (see text.ts): nothing above this
// file has to wonder whether a field may carry an escape sequence.
export const optString = z
  .unknown()
  .optional()
  .transform((v) => sanitizeLineOrNull(toStringOrNull(v)));
export const optNumber = z.unknown().optional().transform(toNumberOrNull);

export const id = z.string().min(1).transform(sanitizeLine);

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
