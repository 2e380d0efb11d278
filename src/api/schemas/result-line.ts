import * as z from 'zod';
import { sanitizeLine, sanitizeLineOrNull } from '../text.js';
import { isRecord, optString, toNumberOrNull, toStringOrNull } from './coerce.js';
import type { ResultLine, ResultLineError } from './shapes.js';
import { describeValue, describeZodError } from './zod-errors.js';
import { messageOf } from '../message-of.js';

// Output / error file lines.

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
    return { ok: false, reason: `not valid JSON (${messageOf(e)})` };
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
