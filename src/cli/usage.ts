import { synopsis } from './framework/usage-line.js';
import type { CommandSpec } from './framework/spec.js';

export function usage(commands: readonly CommandSpec[]): string {
  const all = commands.map((c) => ({ synopsis: synopsis(c), summary: c.summary }));
  const width = Math.max(...all.map((c) => c.synopsis.length));
  const lines = all.map((c) => `  ${c.synopsis.padEnd(width)}  ${c.summary}`);
  return [
    'fizz-batch — a terminal console for the fizz.ai Batch API and every OpenAI-compatible Batch API',
    '',
    'Usage: fizz-batch [options]             open the console',
    '       fizz-batch <command> [options]',
    '',
    'Console options:',
    '  --demo             open the console on the built-in server with demo data (no key needed)',
    '  --profile NAME     use this profile instead of the active one',
    '  --base-url URL     talk to this server (a key is only sent to the host it belongs to)',
    '  --refresh SECONDS  job list refresh interval (default 15)',
    '  --no-color         no colour, as with NO_COLOR or FORCE_COLOR=0 (selection in inverse video)',
    '  --no-alt-screen    draw inline instead of in the alternate screen',
    '',
    'Environment: FIZZ_API_KEY, FIZZ_BASE_URL, FIZZ_PROFILE, NO_COLOR. A key is never taken from the',
    'command line, where ps would show it.',
    '',
    'Commands:',
    ...lines,
    '',
    'Other options:',
    '  -h, --help     show help (also after a command: fizz-batch serve --help)',
    '  -V, --version  print the version',
    '',
  ].join('\n');
}
