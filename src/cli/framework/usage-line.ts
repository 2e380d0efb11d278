import type { CommandSpec } from './spec.js';

// Kept apart from the help text (help.ts), which measures and wraps: a usage error and the
// command list need only these lines, and every start of the bin loads them.

/** `Usage: fizz-batch list [options]`, `Usage: fizz-batch get ID [options]`. */
export function usageLine(spec: CommandSpec): string {
  const args = spec.args.map((a) => (a.optional ? `[${a.name}]` : a.name));
  const options = Object.keys(spec.options).length > 0 ? ['[options]'] : [];
  return `Usage: fizz-batch ${[spec.name, ...args, ...options].join(' ')}`;
}

/** The command's synopsis for the command list: `get ID [options]`. */
export function synopsis(spec: CommandSpec): string {
  return usageLine(spec).replace(/^Usage: fizz-batch /, '');
}
