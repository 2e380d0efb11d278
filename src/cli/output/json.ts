import { terminalSafeJson } from '../../api/index.js';

/**
 * One JSON document on standard output, so `| jq` always works. Escaped for a terminal (C1,
 * bidi and zero-width controls as \u escapes): the same meaning to any JSON reader.
 */
export function writeJson(value: unknown): void {
  process.stdout.write(`${terminalSafeJson(value, 2)}\n`);
}
