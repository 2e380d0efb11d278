import { UsageError } from '../errors.js';
import {
  bashCompletion,
  completionEntry,
  fishCompletion,
  zshCompletion,
  type CompletionEntry,
} from '../framework/completion.js';
import type { ParsedCommand } from '../framework/spec.js';
import { commands } from './index.js';

const globalFlags = [
  '--demo',
  '--profile',
  '--base-url',
  '--refresh',
  '--no-color',
  '--no-alt-screen',
  '--help',
  '--version',
];

/** `fizz-batch completion bash|zsh|fish`: the script, generated from the same declarations as the parser and the help. */
export async function runCompletion({ args }: ParsedCommand): Promise<number> {
  const entries: CompletionEntry[] = commands.map(completionEntry);
  const shell = args.SHELL;
  if (shell === 'bash') process.stdout.write(bashCompletion(entries, globalFlags));
  else if (shell === 'zsh') process.stdout.write(zshCompletion(entries, globalFlags));
  else if (shell === 'fish') process.stdout.write(fishCompletion(entries, globalFlags));
  else throw new UsageError(`completion takes bash, zsh or fish; got '${shell}'.`);
  return 0;
}
