// The leaf module, not the index: every command starts here, and the index brings the HTTP client.
import { sanitizeLine } from '../api/text.js';
import { ExitCode, UsageError } from './errors.js';
import { commands } from './commands/index.js';
import { parseCommand } from './framework/parse.js';
import { usage } from './usage.js';
import { version } from './version.js';
import { messageOf } from '../api/message-of.js';

/** Runs one invocation and returns its exit code. Never throws: errors become one clear line. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === '--help' || first === '-h' || first === 'help') {
      process.stdout.write(usage(commands));
      return ExitCode.ok;
    }
    if (first === '--version' || first === '-V') {
      process.stdout.write(`${version()}\n`);
      return ExitCode.ok;
    }
    if (first === undefined || first.startsWith('-')) {
      // No command: the full-screen console, with the global options.
      const { runConsoleCommand } = await import('./commands/console.js');
      return await runConsoleCommand(argv);
    }
    // A subcommand (`profiles add`) before its command (`files`, which lists).
    const sub = commands.find((c) => c.name === `${first} ${rest[0]}`);
    const spec = sub ?? commands.find((c) => c.name === first);
    const specArgs = sub ? rest.slice(1) : rest;
    if (!spec && commands.some((c) => c.name.startsWith(`${first} `))) {
      const subs = commands.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name.slice(first.length + 1));
      throw new UsageError(
        `${first} takes a subcommand: ${subs.join(', ')}${rest[0] ? `; got '${rest[0]}'` : ''}. Run 'fizz-batch ${first} ${subs[0]} --help'.`,
      );
    }
    if (spec) {
      // `fizz-batch results ID | head`: the reader left; that is the end of the output, not an error.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(ExitCode.ok);
        throw error;
      });
      if (specArgs.includes('--help') || specArgs.includes('-h')) {
        const { commandHelp } = await import('./framework/help.js');
        process.stdout.write(commandHelp(spec));
        return ExitCode.ok;
      }
      const parsed = parseCommand(spec, specArgs);
      const run = await spec.load();
      return await run(parsed);
    }
    throw new UsageError(`'${first}' is not a fizz-batch command. Run 'fizz-batch --help' to see the commands.`);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      // Messages may quote arguments (a file name a glob found) or a file: sanitized like all output.
      process.stderr.write(`fizz-batch: ${sanitizeLines((error as Error).message)}\n`);
      return ExitCode.usage;
    }
    process.stderr.write(`fizz-batch: ${sanitizeLines(messageOf(error))}\n`);
    return ExitCode.runtime;
  }
}

/** Each line sanitized on its own: a usage error ends with the command's usage line, on its own row. */
function sanitizeLines(message: string): string {
  return message.split('\n').map(sanitizeLine).join('\n');
}

/** node:util parseArgs reports unknown or malformed options with these codes. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
