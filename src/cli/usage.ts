import type { CommandSpec } from './commands/index.js';

export function usage(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => c.synopsis.length));
  const lines = commands.map((c) => `  ${c.synopsis.padEnd(width)}  ${c.summary}`);
  return [
    'fizz-batch — a terminal console for the fizz.ai Batch API and every OpenAI-compatible Batch API',
    '',
    'Usage: fizz-batch <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help     show help (also after a command: fizz-batch serve --help)',
    '  -V, --version  print the version',
    '',
  ].join('\n');
}
