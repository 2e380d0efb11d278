import { sanitizeLine, sanitizeLineOrNull, sanitizeText } from '../../../api/index.js';
import type { InputMessage, InputRequest } from './types.js';
import { contentText, messageText, toolCallText } from './output-body.js';
import { customIdFrom, isObject, shortValue, stringOf, type JsonObject } from './values.js';

// Input requests.

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
