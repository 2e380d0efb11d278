import { ExitCode, UsageError } from './errors.js';
import { commands, findCommand } from './commands/index.js';
import { usage } from './usage.js';
import { version } from './version.js';

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
    const command = findCommand(first);
    if (!command) {
      throw new UsageError(`'${first}' is not a fizz-batch command. Run 'fizz-batch --help' to see the commands.`);
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(command.help);
      return ExitCode.ok;
    }
    const run = await command.load();
    return await run(rest);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`fizz-batch: ${(error as Error).message}\n`);
      return ExitCode.usage;
    }
    process.stderr.write(`fizz-batch: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.runtime;
  }
}

/** node:util parseArgs reports unknown or malformed options with these codes. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
