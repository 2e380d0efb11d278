import { invalidType, invalidValue, isPlainObject, missingParameter, supportedValues } from '../errors.js';
import { ENDPOINTS, isEndpoint } from '../sim/endpoints.js';
import type { NewBatch } from '../sim/new-batch.js';
import type { Flavor } from '../types.js';

/**
 * The body of `POST /v1/batches`, checked the way OpenAI answers: 400s with its codes, params
 * and messages. Anything about the input file itself is left to validation, as OpenAI does (a
 * nonexistent file still creates a batch, which then fails).
 */
export function parseCreateBatch(body: Record<string, unknown>, flavor: Flavor): NewBatch {
  for (const key of ['input_file_id', 'endpoint', 'completion_window']) {
    if (body[key] === undefined || body[key] === null) throw missingParameter(key);
  }
  const { input_file_id: inputFileId, endpoint, completion_window: window } = body;
  if (typeof inputFileId !== 'string') throw invalidType('input_file_id', 'a string', inputFileId);
  if (typeof endpoint !== 'string') throw invalidType('endpoint', 'a string', endpoint);
  if (!isEndpoint(endpoint)) {
    throw invalidValue(
      'endpoint',
      `Invalid value: '${endpoint}'. Supported values are: ${supportedValues(ENDPOINTS)}.`,
    );
  }
  if (typeof window !== 'string') throw invalidType('completion_window', 'a string', window);
  return {
    inputFileId,
    endpoint,
    completionWindow: window,
    windowSeconds: windowSeconds(window, flavor),
    metadata: parseMetadata(body.metadata),
    outputExpiresAfter: parseOutputExpiresAfter(body.output_expires_after),
  };
}

/**
 * OpenAI accepts only `24h`. kluster-style providers offered other windows (1h to 72h in their
 * docs, Groq up to 7d), so the fizz flavour accepts any whole number of hours or days from 1h to 7d.
 */
function windowSeconds(window: string, flavor: Flavor): number {
  if (window === '24h') return 86_400;
  if (flavor === 'fizz') {
    const m = /^(\d+)([hd])$/.exec(window);
    const seconds = m ? Number(m[1]) * (m[2] === 'd' ? 86_400 : 3_600) : 0;
    if (seconds >= 3_600 && seconds <= 7 * 86_400) return seconds;
    throw invalidValue(
      'completion_window',
      `Invalid value: '${window}'. Supported values are durations from '1h' to '7d', such as '24h', '48h' or '72h'.`,
    );
  }
  throw invalidValue('completion_window', `Invalid value: '${window}'. Supported values are: '24h'.`);
}

function parseMetadata(metadata: unknown): Record<string, string> | null {
  if (metadata === undefined || metadata === null) return null;
  if (!isPlainObject(metadata)) throw invalidType('metadata', 'an object', metadata);
  const entries = Object.entries(metadata);
  if (entries.length > 16) {
    throw invalidValue(
      'metadata',
      `Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an object with ${entries.length} properties instead.`,
    );
  }
  const result: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (key.length > 64) {
      throw invalidValue(
        'metadata',
        `Invalid 'metadata': key '${key.slice(0, 64)}…' is too long. Expected a key of at most 64 characters, but got one of ${key.length} characters instead.`,
      );
    }
    if (typeof value !== 'string') throw invalidType(`metadata.${key}`, 'a string', value);
    if (value.length > 512) {
      throw invalidValue(
        `metadata.${key}`,
        `Invalid 'metadata.${key}': string too long. Expected a string with maximum length 512, but got a string with length ${value.length} instead.`,
      );
    }
    result[key] = value;
  }
  return result;
}

function parseOutputExpiresAfter(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (!isPlainObject(value)) throw invalidType('output_expires_after', 'an object', value);
  if (value.anchor !== 'created_at') {
    throw invalidValue(
      'output_expires_after.anchor',
      `Invalid value: '${String(value.anchor)}'. Supported values are: 'created_at'.`,
    );
  }
  const seconds = value.seconds;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds))
    throw invalidType('output_expires_after.seconds', 'an integer', seconds);
  if (seconds < 3600 || seconds > 2_592_000) {
    throw invalidValue(
      'output_expires_after.seconds',
      `Invalid 'output_expires_after.seconds': expected a value from 3600 to 2592000, but got ${seconds} instead.`,
    );
  }
  return seconds;
}
