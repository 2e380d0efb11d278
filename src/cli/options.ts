import { UsageError } from './errors.js';
import type { Values } from './framework/spec.js';

/** Parsers for option values; each names the option in its message so the user knows what to fix. */

export function parseInteger(option: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${option} takes a whole number from ${min} to ${max}; got '${raw}'.`);
  }
  return value;
}

export function parseNumber(
  option: string,
  raw: string,
  min: number,
  max: number,
  { exclusiveMin = false } = {},
): number {
  const value = Number(raw);
  const tooLow = exclusiveMin ? value <= min : value < min;
  if (raw.trim() === '' || !Number.isFinite(value) || tooLow || value > max) {
    const range = exclusiveMin ? `greater than ${min} and at most ${max}` : `from ${min} to ${max}`;
    throw new UsageError(`${option} takes a number ${range}; got '${raw}'.`);
  }
  return value;
}

export function parseChoice<T extends string>(option: string, raw: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`${option} takes one of ${choices.join(', ')}; got '${raw}'.`);
}

/**
 * Whether the full-screen programs use colour: not with --no-color, NO_COLOR (any non-empty
 * value) or FORCE_COLOR=0. Without colour the console draws with the mono theme, which names no
 * colour but still needs inverse and bold (the selected row, a search match). chalk, which draws
 * Ink's styles, drops every style, attributes too, at FORCE_COLOR=0, with --no-color in argv or on
 * TERM=dumb; so it is told to draw them (FORCE_COLOR=1), and the theme keeps colour out.
 */
export function chooseColor(noColorFlag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  const color = !noColorFlag && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.FORCE_COLOR !== '0';
  if (!color) env.FORCE_COLOR = '1';
  return color;
}

/** How a command prints the provider's objects: as text, as JSON, or as JSON with each one's own under `raw`. */
export interface JsonOutput {
  json: boolean;
  /** Ask the client to keep what the provider sent (see api/keep-raw.ts): only for `--json --raw`. */
  keepRaw: boolean;
}

/**
 * `--json` and `--raw`. `--raw` adds to `--json` and means nothing without it: alone it is a usage
 * error, said before anything is sent.
 */
export function jsonOutput(values: Values): JsonOutput {
  const json = values.json === true;
  if (values.raw === true && !json)
    throw new UsageError("--raw adds the provider's own objects to --json output; add --json.");
  return { json, keepRaw: values.raw === true };
}
