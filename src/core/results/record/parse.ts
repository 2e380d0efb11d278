import {
  ResultLineSchema,
  resultLineError,
  sanitizeLine,
  type ResultLine,
  type ResultLineError,
  messageOf,
} from '../../../api/index.js';
import { formatBytes } from '../../validate/index.js';
import type { LineText } from '../types.js';
import { inputRequestOf } from './input-request.js';
import { summariseBody } from './output-body.js';
import type { ResultRecord } from './types.js';
import { customIdFrom, isObject, type JsonObject } from './values.js';

/**
 * Lines up to this size are parsed; the UI reads a cut line again whole (up to here) before
 * asking for its record. A longer one stays raw: parsing it would hold the screen.
 */
export const MAX_PARSE_BYTES = 16 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Parsing and classifying
// ---------------------------------------------------------------------------------------------

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

/** JSON.parse with the reason worded for a person, and a leading byte-order mark tolerated. */
function parseJson(text: string): Parsed {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    // V8 quotes the offending text ("Unexpected token '…'"): it is the file's, so it is sanitized.
    return { ok: false, reason: `not JSON: ${sanitizeLine(jsonErrorText(e))}` };
  }
}

/** V8's "… in JSON at position 13 (line 1 column 14)" → "… at column 14": a line has one line. */
function jsonErrorText(error: unknown): string {
  const message = messageOf(error);
  return message.replace(
    / in JSON at position (\d+)(?: \(line \d+ column \d+\))?/,
    (_, position: string) => ` at column ${Number(position) + 1}`,
  );
}

function describeNonObject(value: unknown): string {
  if (value === null) return 'JSON null, not an object';
  if (Array.isArray(value)) return 'a JSON array, not an object';
  return `a JSON ${typeof value}, not an object`;
}

type Shape =
  | { kind: 'result'; line: ResultLine; error: ResultLineError | null }
  | { kind: 'input' }
  | { kind: 'unknown'; reason: string };

/**
 * What a JSON object is. A result line has `response` or `error` (either may be null); a request
 * has a `body` (Together and Fireworks lines are only `{custom_id, body}`) or `method` and `url`.
 */
function shapeOf(json: JsonObject): Shape {
  if ('response' in json || 'error' in json) {
    const parsed = ResultLineSchema.safeParse(json);
    if (!parsed.success) return { kind: 'unknown', reason: 'a result line of an unknown shape' };
    const line = parsed.data;
    const error = resultLineError(line);
    if (!error && !isObject(json.response))
      return { kind: 'unknown', reason: 'a result line with neither a response nor an error' };
    return { kind: 'result', line, error };
  }
  if ('body' in json || ('method' in json && 'url' in json)) return { kind: 'input' };
  return { kind: 'unknown', reason: 'a JSON object that is neither a result (response, error) nor a request (body)' };
}

/**
 * True when the line is a failed request: what "next error" and the errors-only filter look
 * for. Exactly the lines parseRecord calls 'error' (a line that is not JSON is not one).
 */
export function isErrorLine(text: string): boolean {
  if (surelySucceeded(text)) return false;
  const parsed = parseJson(text);
  if (!parsed.ok || !isObject(parsed.value)) return false;
  const shape = shapeOf(joinedLine(parsed.value)?.asResult ?? parsed.value);
  return shape.kind === 'result' && shape.error !== null;
}

const errorKey = /"error"\s*:\s*/g;
const statusCode = /"status_code"\s*:\s*/g;

/**
 * A cheap look at the text, for scans of a whole file: a result line whose every `error` key is
 * null and whose every status code is a number below 400 needs no parsing to be told a success.
 * Inside a JSON string a quote is always escaped (`\"error\"`), so the text of an answer can
 * never look like these keys. Anything else (not sure) goes through the full parse.
 */
function surelySucceeded(text: string): boolean {
  if (!text.includes('"response"')) return false;
  let sawStatus = false;
  for (const match of text.matchAll(statusCode)) {
    const at = match.index + match[0].length;
    const code = /^\d{3}\b/.exec(text.slice(at, at + 4));
    if (!code || Number(code[0]) >= 400) return false;
    sawStatus = true;
  }
  if (!sawStatus) return false;
  for (const match of text.matchAll(errorKey)) {
    if (!text.startsWith('null', match.index + match[0].length)) return false;
  }
  return true;
}

/** The record of one line. Never throws. */
export function parseRecord(line: LineText): ResultRecord {
  const base = { line: line.index, raw: line.text, bytes: line.bytes, json: undefined, flags: [], customId: null };
  if (line.cut) {
    // A prefix of JSON never parses; the custom_id usually leads the line, so it can still be named.
    return {
      ...base,
      kind: 'invalid',
      customId: leadingCustomId(line.text),
      reason: `line of ${formatBytes(line.bytes)}, shown cut`,
    };
  }
  if (line.text.trim() === '') return { ...base, kind: 'invalid', reason: 'blank line' };
  const parsed = parseJson(line.text);
  if (!parsed.ok) return { ...base, kind: 'invalid', reason: parsed.reason };
  const json = parsed.value;
  if (!isObject(json)) return { ...base, json, kind: 'invalid', reason: describeNonObject(json) };
  const customId = customIdFrom(json.custom_id);
  // A joined export's line is read as the result line it came from, with its request beside it.
  const joined = joinedLine(json);
  const shape = shapeOf(joined?.asResult ?? json);
  if (shape.kind === 'input')
    return { ...base, json, customId, kind: 'input', request: inputRequestOf(joined?.asResult ?? json) };
  if (shape.kind === 'unknown') return { ...base, json, customId, kind: 'invalid', reason: shape.reason };

  const { line: result, error } = shape;
  const flags: string[] = [];
  const wireBody = isObject(json.response) && !joined ? json.response.body : undefined;
  if (typeof wireBody === 'string')
    flags.push(typeof result.body === 'string' ? 'body is a string, not JSON' : 'body was a JSON string');
  const carried = joined
    ? {
        joinedRequest: isObject(joined.request)
          ? inputRequestOf({ custom_id: json.custom_id, body: joined.request })
          : null,
      }
    : {};
  const common = {
    ...base,
    json,
    flags,
    customId,
    lineId: result.id,
    requestId: result.requestId,
    statusCode: result.statusCode,
    ...carried,
  };
  if (error) return { ...common, kind: 'error', error };
  return { ...common, kind: 'output', ...summariseBody(result.body) };
}

/**
 * A line of a joined export (see joined.ts: `{custom_id, request, response, error, status_code}`,
 * `request` and `response` being the bodies): its parts, and the result line it was made from.
 * Null for any other line; a result line has no top-level `request`.
 */
export function joinedLine(json: JsonObject): { request: unknown; response: unknown; asResult: JsonObject } | null {
  if (!('request' in json) || !('response' in json || 'error' in json)) return null;
  const response = json.response ?? null;
  const error = json.error ?? null;
  // A line written from an input file has neither answer nor error: it is the request (a body).
  const asResult: JsonObject =
    response === null && error === null
      ? { custom_id: json.custom_id, body: json.request }
      : {
          custom_id: json.custom_id,
          response: response === null ? null : { status_code: json.status_code ?? null, body: response },
          error,
        };
  return { request: json.request, response, asResult };
}

/**
 * The custom_id of any line: parsed from the whole line, or read from the beginning of a cut one.
 * The same key parseRecord gives `customId` (a number is taken as its decimal string), so a join
 * on it matches records. Null for a line that is not a JSON object or has none.
 */
export function customIdOf(line: LineText): string | null {
  if (line.cut) return leadingCustomId(line.text);
  const parsed = parseJson(line.text);
  return parsed.ok && isObject(parsed.value) ? customIdFrom(parsed.value.custom_id) : null;
}

const LEADING_CUSTOM_ID =
  /^\s*\{(?:\s*"(?:[^"\\]|\\.)*"\s*:\s*"(?:[^"\\]|\\.)*"\s*,)*?\s*"custom_id"\s*:\s*("(?:[^"\\]|\\.)*")/;

/** The custom_id of a line's beginning, when it is among the leading string-valued top-level keys. */
export function leadingCustomId(prefix: string): string | null {
  const match = LEADING_CUSTOM_ID.exec(prefix.slice(0, 4096));
  if (!match?.[1]) return null;
  try {
    return sanitizeLine(JSON.parse(match[1]) as string);
  } catch {
    return null;
  }
}
