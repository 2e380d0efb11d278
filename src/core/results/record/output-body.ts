import { sanitizeLineOrNull, sanitizeText } from '../../../api/index.js';
import type { OutputRecord, TokenUsage } from './types.js';
import { isObject, numberOf, shorten, stringOf, type JsonObject } from './values.js';

// Output bodies: chat, completions, responses, embeddings.

type BodySummary = Pick<OutputRecord, 'model' | 'message' | 'role' | 'finishReason' | 'usage' | 'choices'>;

/** The answer of chat, completions and responses bodies: said by the assistant unless the body names another role. */
const ANSWER_ROLE = 'assistant';

export function summariseBody(body: unknown): BodySummary {
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

export function usageOf(value: unknown): TokenUsage | null {
  if (!isObject(value)) return null;
  const prompt = numberOf(value.prompt_tokens) ?? numberOf(value.input_tokens);
  const completion = numberOf(value.completion_tokens) ?? numberOf(value.output_tokens);
  const total = numberOf(value.total_tokens) ?? (prompt !== null && completion !== null ? prompt + completion : null);
  if (prompt === null && completion === null && total === null) return null;
  return { prompt, completion, total };
}

/** A chat message: its content, then a refusal and tool calls, one per line. Null when it has none. */
export function messageText(message: JsonObject): string | null {
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
export function toolCallText(call: JsonObject): string {
  const inner = isObject(call.function) ? call.function : isObject(call.custom) ? call.custom : call;
  const name = stringOf(inner.name) ?? '?';
  const args = inner.arguments ?? inner.input ?? '';
  return `tool call: ${name}(${shorten(typeof args === 'string' ? args : JSON.stringify(args), TOOL_ARGS_CHARS)})`;
}
const TOOL_ARGS_CHARS = 80;

/** Content as a string, or as parts: text parts joined by newlines, other media named. */
export function contentText(content: unknown): string | null {
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
