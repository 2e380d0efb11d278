import {
  ResultLineSchema,
  resultLineError,
  sanitizeLine,
  sanitizeLineOrNull,
  sanitizeText,
  terminalSafeJson,
  type ResultLine,
  type ResultLineError,
} from '../../api/index.js';
import { formatBytes } from '../validate/index.js';
import type { LineText } from './types.js';

/**
 * One line of an output, error or input file as the pager's record view shows it.
 * Every provider quirk of output lines is absorbed here: output bodies
 * given as JSON strings, no `error` key, vLLM's string errors, llama-stack's `{type, message}`
 * errors with no response. A line that cannot be read is a record too ('invalid', with the
 * reason): nothing here throws.
 */

/**
 * Lines up to this size are parsed; the UI reads a cut line again whole (up to here) before
 * asking for its record. A longer one stays raw: parsing it would hold the screen.
 */
export const MAX_PARSE_BYTES = 16 * 1024 * 1024;

export interface TokenUsage {
  prompt: number | null;
  completion: number | null;
  total: number | null;
}

export interface InputMessage {
  role: string;
  /** The content as text: parts joined by newlines, images as "[image]", tool calls summarised. */
  text: string;
}

/** A batch input line, summarised for the view beside its result. */
export interface InputRequest {
  customId: string | null;
  method: string | null;
  url: string | null;
  model: string | null;
  /** Chat messages; for the responses endpoint, its instructions and input items. */
  messages: InputMessage[];
  /** Embeddings and completions input (`input`, `prompt`), summarised; null when there is none. */
  input: string | null;
  /** The other body fields, each as a short string: temperature → "0.2", tools → "[{…" cut. */
  params: Record<string, string>;
}

interface RecordBase {
  /** 0-based line number. */
  line: number;
  /** The line's text (only its beginning when the line was read cut). */
  raw: string;
  /** The whole line's size in bytes. */
  bytes: number;
  /** The parsed line for the raw JSON view; undefined when it is not JSON or was not parsed. */
  json: unknown;
  /** Tolerated oddities worth showing next to the record, e.g. "body was a JSON string". */
  flags: string[];
  customId: string | null;
}

/** A line of a joined export (`J`) carries its request: no input file is needed to show it. */
interface CarriedRequest {
  /** The request of a joined export's line (null: the export had none); undefined for other lines. */
  joinedRequest?: InputRequest | null;
}

export interface OutputRecord extends RecordBase, CarriedRequest {
  kind: 'output';
  /** The line's own `id` (batch_req_…). */
  lineId: string | null;
  requestId: string | null;
  statusCode: number | null;
  model: string | null;
  /** The assistant's answer as text (see summariseBody); null when the body holds none we know. */
  message: string | null;
  /** Who speaks the answer ("assistant"), shown like the request's roles; null for data (embeddings). */
  role: string | null;
  finishReason: string | null;
  usage: TokenUsage | null;
  /** How many choices the body has (chat and completions; 0 otherwise). */
  choices: number;
}

export interface ErrorRecord extends RecordBase, CarriedRequest {
  kind: 'error';
  lineId: string | null;
  requestId: string | null;
  statusCode: number | null;
  /** From `error` (an object or vLLM's string) or, for an HTTP failure, `response.body.error`. */
  error: ResultLineError;
}

export interface InputRecord extends RecordBase {
  kind: 'input';
  request: InputRequest;
}

export interface InvalidRecord extends RecordBase {
  kind: 'invalid';
  /** Why it is shown raw: "not JSON: Unexpected end of JSON input", "blank line", … */
  reason: string;
}

export type ResultRecord = OutputRecord | ErrorRecord | InputRecord | InvalidRecord;

// ---------------------------------------------------------------------------------------------
// Parsing and classifying
// ---------------------------------------------------------------------------------------------

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
  const message = error instanceof Error ? error.message : String(error);
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

/** A custom_id as records show it and joins match it: sanitized, so both sides of a join agree. */
function customIdFrom(value: unknown): string | null {
  return sanitizeLineOrNull(stringOf(value));
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

// ---------------------------------------------------------------------------------------------
// Output bodies: chat, completions, responses, embeddings
// ---------------------------------------------------------------------------------------------

type BodySummary = Pick<OutputRecord, 'model' | 'message' | 'role' | 'finishReason' | 'usage' | 'choices'>;

/** The answer of chat, completions and responses bodies: said by the assistant unless the body names another role. */
const ANSWER_ROLE = 'assistant';

function summariseBody(body: unknown): BodySummary {
  // The answer keeps its lines (the pager wraps them); the rest is one row each.
  const summary = summariseBodyAsSent(body);
  return {
    ...summary,
    model: sanitizeLineOrNull(summary.model),
    message: summary.message === null ? null : sanitizeText(summary.message),
    role: sanitizeLineOrNull(summary.role),
    finishReason: sanitizeLineOrNull(summary.finishReason),
  };
}

function summariseBodyAsSent(body: unknown): BodySummary {
  if (!isObject(body)) {
    return {
      model: null,
      message: typeof body === 'string' ? body : null,
      role: null,
      finishReason: null,
      usage: null,
      choices: 0,
    };
  }
  const summary: BodySummary = {
    model: stringOf(body.model),
    message: null,
    role: null,
    finishReason: null,
    usage: usageOf(body.usage),
    choices: 0,
  };
  if (Array.isArray(body.choices)) {
    const first: unknown = body.choices[0];
    summary.choices = body.choices.length;
    if (isObject(first)) {
      summary.message = isObject(first.message) ? messageText(first.message) : stringOf(first.text);
      summary.role = isObject(first.message) ? (stringOf(first.message.role) ?? ANSWER_ROLE) : ANSWER_ROLE;
      summary.finishReason = stringOf(first.finish_reason);
    }
  } else if (Array.isArray(body.output)) {
    summary.message = responsesOutputText(body.output);
    summary.role = ANSWER_ROLE;
    const incomplete = isObject(body.incomplete_details) ? stringOf(body.incomplete_details.reason) : null;
    summary.finishReason = incomplete ?? stringOf(body.status);
  } else if (Array.isArray(body.data)) {
    summary.message = embeddingsText(body.data);
  }
  return summary;
}

function usageOf(value: unknown): TokenUsage | null {
  if (!isObject(value)) return null;
  const prompt = numberOf(value.prompt_tokens) ?? numberOf(value.input_tokens);
  const completion = numberOf(value.completion_tokens) ?? numberOf(value.output_tokens);
  const total = numberOf(value.total_tokens) ?? (prompt !== null && completion !== null ? prompt + completion : null);
  if (prompt === null && completion === null && total === null) return null;
  return { prompt, completion, total };
}

/** A chat message: its content, then a refusal and tool calls, one per line. Null when it has none. */
function messageText(message: JsonObject): string | null {
  const lines: string[] = [];
  const content = contentText(message.content);
  if (content !== null) lines.push(content);
  const refusal = stringOf(message.refusal);
  if (refusal) lines.push(`refusal: ${refusal}`);
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) if (isObject(call)) lines.push(toolCallText(call));
  }
  if (isObject(message.function_call)) lines.push(toolCallText({ function: message.function_call }));
  return lines.length > 0 ? lines.join('\n') : null;
}

/** `{type:'function', function:{name, arguments}}`, `{type:'custom', custom:{name, input}}`, a responses `function_call`. */
function toolCallText(call: JsonObject): string {
  const inner = isObject(call.function) ? call.function : isObject(call.custom) ? call.custom : call;
  const name = stringOf(inner.name) ?? '?';
  const args = inner.arguments ?? inner.input ?? '';
  return `tool call: ${name}(${shorten(typeof args === 'string' ? args : JSON.stringify(args), TOOL_ARGS_CHARS)})`;
}

const TOOL_ARGS_CHARS = 80;
const PARAM_CHARS = 60;

/** Content as a string, or as parts: text parts joined by newlines, other media named. */
function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  return content.map(partText).join('\n');
}

function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (!isObject(part)) return JSON.stringify(part) ?? '';
  const type = stringOf(part.type) ?? '';
  if (typeof part.text === 'string') return part.text;
  if (type === 'refusal' && typeof part.refusal === 'string') return `refusal: ${part.refusal}`;
  if (type.includes('image')) return '[image]';
  if (type.includes('audio')) return '[audio]';
  if (type.includes('file')) return '[file]';
  return `[${type || 'part'}]`;
}

/** The responses endpoint: message items' text, and function calls summarised. */
function responsesOutputText(output: unknown[]): string | null {
  const lines: string[] = [];
  for (const item of output) {
    if (!isObject(item)) continue;
    if (item.type === 'message' || (item.type === undefined && 'content' in item)) {
      const text = contentText(item.content);
      if (text !== null) lines.push(text);
    } else if (item.type === 'function_call' || item.type === 'custom_tool_call') {
      lines.push(toolCallText(item));
    } else if (item.type !== 'reasoning' && typeof item.type === 'string') {
      lines.push(`[${item.type}]`);
    }
  }
  return lines.length > 0 ? lines.join('\n') : null;
}

/** One line per embedding: "embedding of 1536 dimensions" (base64 vectors are 4 bytes a number). */
function embeddingsText(data: unknown[]): string | null {
  const lines: string[] = [];
  for (const item of data) {
    if (!isObject(item)) continue;
    const vector = item.embedding;
    let text: string | null = null;
    if (Array.isArray(vector)) text = `embedding of ${vector.length} dimensions`;
    else if (typeof vector === 'string')
      text = `embedding of ${Math.floor(Buffer.byteLength(vector, 'base64') / 4)} dimensions (base64)`;
    if (text !== null) lines.push(text);
  }
  if (lines.length === 0) return null;
  return lines.length === 1 ? lines[0]! : lines.map((text, i) => `[${i}] ${text}`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Input requests
// ---------------------------------------------------------------------------------------------

/** Body fields shown in their own place, not among the parameters. */
const SHOWN_FIELDS = new Set(['model', 'messages', 'input', 'prompt', 'instructions']);
const SUMMARISED_INPUTS = 20;

/** The summary of a batch input line (`{custom_id, method, url, body}`), whatever its endpoint: text from the file sanitized. */
export function inputRequestOf(json: JsonObject): InputRequest {
  const request = inputRequestAsSent(json);
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.params)) params[sanitizeLine(key)] = sanitizeLine(value);
  return {
    customId: customIdFrom(request.customId),
    method: sanitizeLineOrNull(request.method),
    url: sanitizeLineOrNull(request.url),
    model: sanitizeLineOrNull(request.model),
    messages: request.messages.map((m) => ({ role: sanitizeLine(m.role), text: sanitizeText(m.text) })),
    input: request.input === null ? null : sanitizeText(request.input),
    params,
  };
}

function inputRequestAsSent(json: JsonObject): InputRequest {
  const body = isObject(json.body) ? json.body : {};
  const url = stringOf(json.url);
  const messages: InputMessage[] = [];
  let input: string | null = null;

  if (Array.isArray(body.messages)) {
    for (const m of body.messages) {
      if (isObject(m)) messages.push({ role: stringOf(m.role) ?? '?', text: messageText(m) ?? '' });
    }
  }
  if ('prompt' in body) input = summariseInput(body.prompt);
  if ('input' in body) {
    if (url?.endsWith('/responses')) messages.push(...responsesInput(body.instructions, body.input));
    else input = summariseInput(body.input);
  } else if (typeof body.instructions === 'string') {
    messages.push({ role: 'instructions', text: body.instructions });
  }

  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!SHOWN_FIELDS.has(key)) params[key] = shortValue(value);
  }
  return {
    customId: stringOf(json.custom_id),
    method: stringOf(json.method),
    url,
    model: stringOf(body.model),
    messages,
    input,
    params,
  };
}

function responsesInput(instructions: unknown, input: unknown): InputMessage[] {
  const messages: InputMessage[] = [];
  if (typeof instructions === 'string') messages.push({ role: 'instructions', text: instructions });
  if (typeof input === 'string') messages.push({ role: 'user', text: input });
  else if (Array.isArray(input)) {
    for (const item of input) {
      if (!isObject(item)) continue;
      if (typeof item.role === 'string') messages.push({ role: item.role, text: contentText(item.content) ?? '' });
      else if (item.type === 'function_call') messages.push({ role: 'assistant', text: toolCallText(item) });
      else if (item.type === 'function_call_output')
        messages.push({
          role: 'tool',
          text: typeof item.output === 'string' ? item.output : (JSON.stringify(item.output) ?? ''),
        });
      else messages.push({ role: '?', text: `[${stringOf(item.type) ?? 'item'}]` });
    }
  }
  return messages;
}

/** Embeddings `input` or completions `prompt`: a string, strings, or token ids. */
function summariseInput(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return shortValue(value);
  if (value.length === 0) return '(empty)';
  if (value.every((v) => typeof v === 'number')) return `${value.length} token ids`;
  if (value.every((v) => typeof v === 'string')) {
    const shown = value.slice(0, SUMMARISED_INPUTS) as string[];
    const more = value.length - shown.length;
    return shown.join('\n') + (more > 0 ? `\n… and ${more} more` : '');
  }
  if (value.every(Array.isArray)) return `${value.length} inputs of token ids`;
  return shortValue(value);
}

function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return shorten(text, PARAM_CHARS);
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair: half an emoji renders as garbage.
  const end = isHighSurrogate(text.charCodeAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return null;
}

// ---------------------------------------------------------------------------------------------
// The raw view
// ---------------------------------------------------------------------------------------------

/**
 * A value as indented JSON lines (2 spaces). With a width, longer lines are cut there and go on
 * in lines indented one step deeper than their start, so a long string stays readable.
 */
export function prettyJson(value: unknown, width?: number): string[] {
  // Escaped where the terminal would act on a character (C1, bidi): the raw view shows \u009b, not a sequence.
  const text = terminalSafeJson(value, 2);
  if (text === undefined) return [];
  const lines = text.split('\n');
  if (width === undefined || width < 8) return lines;
  const out: string[] = [];
  for (const line of lines) {
    if (line.length <= width) {
      out.push(line);
      continue;
    }
    const indent = ' '.repeat(Math.min(line.length - line.trimStart().length + 2, Math.floor(width / 2)));
    for (let start = 0, first = true; start < line.length; first = false) {
      let end = Math.min(start + (first ? width : width - indent.length), line.length);
      if (end < line.length && isHighSurrogate(line.charCodeAt(end - 1))) end -= 1;
      out.push((first ? '' : indent) + line.slice(start, end));
      start = end;
    }
  }
  return out;
}
