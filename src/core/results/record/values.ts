import { sanitizeLineOrNull } from '../../../api/index.js';

// Reading values out of JSON a provider wrote: never trusting a type, never splitting a character.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parameters are shown up to this many characters. */
export const PARAM_CHARS = 60;

export function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return shorten(text, PARAM_CHARS);
}

export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair: half an emoji renders as garbage.
  const end = isHighSurrogate(text.charCodeAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function numberOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return null;
}

/** A custom_id as records show it and joins match it: sanitized, so both sides of a join agree. */
export function customIdFrom(value: unknown): string | null {
  return sanitizeLineOrNull(stringOf(value));
}
