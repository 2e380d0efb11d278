import { ApiError, invalidRequest, invalidType, invalidValue, isPlainObject } from '../errors.js';
import type { Endpoint } from '../types.js';

/**
 * Parameter checks the real endpoints make on a request body, beyond what batch validation
 * looks at. A request that fails them gets a 400 (synchronously) or a 400 line in the batch's
 * error file. Model existence is checked by the callers: it is a 404 synchronously and a
 * `model_not_found` validation error in a batch.
 */
export function checkRequestBody(endpoint: Endpoint, body: Record<string, unknown>): ApiError | null {
  try {
    checkSampling(body);
    switch (endpoint) {
      case '/v1/chat/completions':
        checkMessages(body.messages);
        checkInteger(body, 'max_tokens', 1);
        checkInteger(body, 'max_completion_tokens', 1);
        checkInteger(body, 'n', 1, 128);
        break;
      case '/v1/completions':
        checkPrompt(body.prompt);
        checkInteger(body, 'max_tokens', 1);
        checkInteger(body, 'n', 1, 128);
        break;
      case '/v1/embeddings':
        checkEmbeddingInput(body.input);
        checkInteger(body, 'dimensions', 1, 3072);
        if (
          body.encoding_format !== undefined &&
          body.encoding_format !== 'float' &&
          body.encoding_format !== 'base64'
        ) {
          throw invalidValue(
            'encoding_format',
            `Invalid value: '${String(body.encoding_format)}'. Supported values are: 'float' and 'base64'.`,
          );
        }
        break;
      case '/v1/responses':
        checkResponsesInput(body.input);
        checkInteger(body, 'max_output_tokens', 16);
        break;
      case '/v1/moderations':
        checkModerationInput(body.input);
        break;
    }
    return null;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

function checkSampling(body: Record<string, unknown>): void {
  checkNumber(body, 'temperature', 0, 2);
  checkNumber(body, 'top_p', 0, 1);
  checkNumber(body, 'presence_penalty', -2, 2);
  checkNumber(body, 'frequency_penalty', -2, 2);
}

function checkNumber(body: Record<string, unknown>, name: string, min: number, max: number): void {
  const value = body[name];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidType(name, 'a number', value);
  checkRange(name, 'decimal', value, min, max);
}

function checkInteger(body: Record<string, unknown>, name: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
  const value = body[name];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidType(name, 'an integer', value);
  checkRange(name, 'integer', value, min, max);
}

/** OpenAI's words for a number out of its bounds ("decimal below minimum value…"). */
function checkRange(name: string, kind: 'decimal' | 'integer', value: number, min: number, max: number): void {
  if (value < min)
    throw invalidValue(
      name,
      `Invalid '${name}': ${kind} below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
    );
  if (value > max)
    throw invalidValue(
      name,
      `Invalid '${name}': ${kind} above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
    );
}

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];

function checkMessages(messages: unknown): void {
  if (!Array.isArray(messages)) throw invalidType('messages', 'an array', messages);
  if (messages.length === 0) {
    throw invalidRequest(
      400,
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    );
  }
  messages.forEach((message: unknown, i) => {
    if (!isPlainObject(message)) throw invalidType(`messages[${i}]`, 'an object', message);
    if (typeof message.role !== 'string' || !ROLES.includes(message.role)) {
      throw invalidValue(
        `messages[${i}].role`,
        `Invalid value: '${String(message.role)}'. Supported values are: 'system', 'developer', 'user', 'assistant', 'tool', and 'function'.`,
      );
    }
  });
}

function checkPrompt(prompt: unknown): void {
  const ok =
    typeof prompt === 'string' ||
    (Array.isArray(prompt) && prompt.length > 0 && prompt.every((p) => typeof p === 'string'));
  if (!ok) throw invalidType('prompt', 'a string or an array of strings', prompt);
}

function checkEmbeddingInput(input: unknown): void {
  if (typeof input === 'string') {
    if (input === '') throw invalidValue('input', "Invalid 'input': empty string. Expected a non-empty string.");
    return;
  }
  if (Array.isArray(input) && input.length > 0 && input.length <= 2048) return;
  if (Array.isArray(input)) {
    throw invalidValue(
      'input',
      `Invalid 'input': expected an array of 1 to 2048 items, but got ${input.length} items instead.`,
    );
  }
  throw invalidType('input', 'a string or an array', input);
}

/** A string, an array of strings, or an array of {type: 'text' | 'image_url'} parts. */
function checkModerationInput(input: unknown): void {
  if (typeof input === 'string') return;
  const part = (item: unknown) =>
    typeof item === 'string' || (isPlainObject(item) && (item.type === 'text' || item.type === 'image_url'));
  if (Array.isArray(input) && input.length > 0 && input.every(part)) return;
  throw invalidType('input', 'a string, an array of strings or an array of text and image_url parts', input);
}

function checkResponsesInput(input: unknown): void {
  if (typeof input === 'string') return;
  if (Array.isArray(input) && input.length > 0) return;
  throw invalidType('input', 'a string or a non-empty array', input);
}
