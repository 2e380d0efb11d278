/**
 * A command declared once: its arguments, options, words and examples. From this one declaration
 * come the parser (node:util parseArgs), the `--help` text, the usage line of a usage error, the
 * command list of `fizz-batch --help` and the shell completion scripts — so none of them can
 * drift from another.
 */
export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** May be given more than once (`--metadata k=v --metadata k2=v2`). */
  multiple?: boolean;
  /** The value's name in the help: `--limit N`. */
  value?: string;
  description: string;
  /** Values the shell completion offers. */
  choices?: readonly string[];
  /** Completed as a file path by the shell. */
  file?: boolean;
}

export interface ArgSpec {
  name: string;
  optional?: boolean;
  /** Completed as a file path by the shell. */
  file?: boolean;
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface ParsedCommand {
  values: Values;
  args: Record<string, string | undefined>;
}

export type CommandRunner = (parsed: ParsedCommand) => Promise<number>;

export interface CommandSpec {
  /** One word, or two for a subcommand: 'files rm'. */
  name: string;
  args: readonly ArgSpec[];
  options: Readonly<Record<string, OptionSpec>>;
  /** One line for the command list. */
  summary: string;
  /** Paragraphs of the help, each a list of lines. */
  about: readonly string[];
  examples?: readonly string[];
  /** The exit codes this command uses besides 0, 1 and 2 (e.g. 3 for validation). */
  exitNotes?: readonly string[];
  /** Loaded only when the command runs, so the others never pay for its imports. */
  load: () => Promise<CommandRunner>;
}

/** Options every command that talks to a provider takes: which one, and how to print. */
export const connectionOptions: Readonly<Record<string, OptionSpec>> = {
  profile: { type: 'string', value: 'NAME', description: 'use this profile instead of the active one' },
  'base-url': {
    type: 'string',
    value: 'URL',
    description: 'talk to this server (a key is only sent to the host it belongs to)',
  },
};

export const jsonOptions: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean', description: 'print JSON (one document) instead of text' },
  raw: { type: 'boolean', description: "with --json: add the provider's own object under `raw`" },
};

/** A string option's value, or undefined when it was not given. */
export function text(value: Values[string]): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
