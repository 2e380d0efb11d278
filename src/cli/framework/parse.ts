import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { usageLine } from './usage-line.js';
import type { CommandSpec, ParsedCommand, Values } from './spec.js';
import { messageOf } from '../../api/message-of.js';

/**
 * argv after the command name → values and named arguments, by the command's declaration. Every
 * mistake (an unknown option, a missing value, a missing or extra argument) is a UsageError that
 * ends with the command's usage line.
 */
export function parseCommand(spec: CommandSpec, argv: readonly string[]): ParsedCommand {
  let parsed: { values: Values; positionals: string[] };
  try {
    const options = Object.fromEntries(
      Object.entries(spec.options).map(([name, o]) => [
        name,
        { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
      ]),
    );
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true }) as {
      values: Values;
      positionals: string[];
    };
  } catch (error) {
    throw new UsageError(`${cleanParseMessage(error)}\n${usageLine(spec)}`);
  }
  const args: Record<string, string | undefined> = {};
  const positionals = [...parsed.positionals];
  for (const arg of spec.args) {
    const value = positionals.shift();
    if (value === undefined && !arg.optional)
      throw new UsageError(`${spec.name} needs ${arg.name}.\n${usageLine(spec)}`);
    args[arg.name] = value;
  }
  if (positionals.length > 0)
    throw new UsageError(
      `${spec.name} takes ${describeArgs(spec)}; got also: ${positionals.join(' ')}\n${usageLine(spec)}`,
    );
  return { values: parsed.values, args };
}

function describeArgs(spec: CommandSpec): string {
  if (spec.args.length === 0) return 'no arguments';
  return spec.args.map((a) => a.name).join(' and ');
}

/** parseArgs' messages, without the hint to use `--` (our commands take no option-like arguments). */
function cleanParseMessage(error: unknown): string {
  const message = messageOf(error);
  return message
    .replace(/\. To specify a positional argument starting with a '-'.*$/s, '.')
    .replace(/^Unknown option/, 'unknown option');
}
