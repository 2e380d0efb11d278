import { messageOf } from '../../api/message-of.js';
import { sanitizeLine, terminalSafeJson } from '../../api/text.js';
import { formatBytes } from './report.js';
import { formatCount } from '../../api/counts.js';

// How the checks (checks.ts) word what a line holds: values named and shown, sizes, the parser's reason.

/**
 * V8's reason, with its position given as a column of the line (its own "line 1 column 2" counts
 * inside the string it was given, which is this one line).
 */
export function parserReason(error: unknown): string {
  // V8 quotes the offending text of the file: sanitized like everything else the file says.
  const message = sanitizeLine(messageOf(error));
  return message.replace(
    / at position (\d+)(?: \(line \d+ column \d+\))?/,
    (_, position: string) => ` at column ${Number(position) + 1}`,
  );
}

/** "a number (7)", "an array", "null", "a string": how a JSON value is named in messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : 'a string';
    case 'number':
    case 'boolean':
      return `a ${typeof value} (${String(value)})`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** "200.2 MB (209,971,538 bytes)", or "510 B" when the unit is bytes already. */
export function sizeText(bytes: number, digits: number): string {
  return bytes < 1024 ? formatBytes(bytes) : `${formatBytes(bytes, digits)} (${formatCount(bytes)} bytes)`;
}

/** A value as JSON (C1, bidi and zero-width characters escaped), shortened so one absurd line cannot flood the report. */
export function show(value: unknown): string {
  const text = terminalSafeJson(value) ?? sanitizeLine(String(value));
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
